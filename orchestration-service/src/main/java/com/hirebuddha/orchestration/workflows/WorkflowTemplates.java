package com.hirebuddha.orchestration.workflows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.hirebuddha.orchestration.agents.AgentRequest;

/**
 * The example systems this product grew from, as templates a tenant instantiates with one
 * call: the agents they need and a workflow wired between them. Agent nodes name agents
 * by key here; instantiation creates the agents and puts their ids in.
 */
final class WorkflowTemplates {

	/** One agent a template needs. */
	record AgentSpec(String key, String name, String systemPrompt) {
	}

	/**
	 * A template.
	 *
	 * @param id its name in the URL
	 * @param name display name
	 * @param description what it does
	 * @param agents the agents it creates
	 * @param graph nodes and edges; agent nodes carry {@code agentKey} instead of an id
	 */
	record Template(String id, String name, String description, List<AgentSpec> agents, WorkflowGraph graph) {

		WorkflowGraph bind(Map<String, String> agentIds) {
			List<WorkflowGraph.Node> nodes = new ArrayList<>();
			for (WorkflowGraph.Node node : this.graph.nodesOrEmpty()) {
				Map<String, Object> config = new LinkedHashMap<>(node.configOrEmpty());
				Object key = config.remove("agentKey");
				if (key != null) {
					config.put("agentId", Objects.requireNonNull(agentIds.get((String) key),
							() -> "template " + this.id + " has no agent " + key));
				}
				nodes.add(new WorkflowGraph.Node(node.id(), node.type(), config));
			}
			return new WorkflowGraph(nodes, this.graph.edges());
		}

	}

	static final List<Template> ALL = List.of(requirementsToCode(), systemDesign(), careerAssistant());

	private WorkflowTemplates() {
	}

	static AgentRequest agentRequest(AgentSpec spec, AgentRequest.Model model) {
		return new AgentRequest(spec.name(), spec.systemPrompt(), model, List.of(), List.of());
	}

	private static Template requirementsToCode() {
		List<AgentSpec> agents = List.of(
				new AgentSpec("analyst", "Requirements Analyst",
						"You turn a product idea into a software requirements specification (SRS): scope, users, "
								+ "functional and non-functional requirements, each numbered and testable."),
				new AgentSpec("pm", "Product Manager",
						"You turn an SRS into a product requirements document (PRD): goals, user stories with "
								+ "acceptance criteria, priorities and release slices."),
				new AgentSpec("lead", "Tech Lead",
						"You turn a PRD into a code plan: modules, interfaces, data model, tasks in order, and the "
								+ "tests that prove each task."));
		WorkflowGraph graph = new WorkflowGraph(List.of(agent("srs", "analyst", "Idea: {{input.idea}}"),
				agent("prd", "pm", "{{nodes.srs.output}}"), agent("plan", "lead", "{{nodes.prd.output}}"),
				template("artifacts",
						"# SRS\n{{nodes.srs.output}}\n\n# PRD\n{{nodes.prd.output}}\n\n# Code plan\n{{nodes.plan.output}}")),
				List.of(edge("srs", "prd"), edge("prd", "plan"), edge("srs", "artifacts"), edge("prd", "artifacts"),
						edge("plan", "artifacts")));
		return new Template("requirements-to-code", "Requirements to code",
				"Idea -> SRS -> PRD -> code plan, each by its own agent; every artifact is an output.", agents, graph);
	}

	private static Template systemDesign() {
		List<String> stages = List.of("requirements", "estimates", "api", "data-model", "architecture", "components",
				"scaling", "reliability", "security", "observability", "review");
		List<AgentSpec> agents = List.of(
				new AgentSpec("architect", "Systems Architect",
						"You design large-scale systems one stage at a time, building on the earlier stages."),
				new AgentSpec("recovery", "Recovery Engineer",
						"A design stage failed. From the inputs you get, produce the best possible design for the "
								+ "failed stage and say what is uncertain."));
		List<WorkflowGraph.Node> nodes = new ArrayList<>();
		List<WorkflowGraph.Edge> edges = new ArrayList<>();
		String previous = null;
		for (String stage : stages) {
			String prompt = "Stage: " + stage + ". System: {{input.system}}"
					+ ((previous != null) ? "\nEarlier stages: {{nodes." + previous + ".output}}" : "");
			nodes.add(agent(stage, "architect", prompt));
			if (previous != null) {
				edges.add(edge(previous, stage));
			}
			edges.add(new WorkflowGraph.Edge(stage, "recover", true));
			previous = stage;
		}
		nodes.add(agent("recover", "recovery", "System: {{input.system}}"));
		return new Template("system-design", "System design in 11 stages",
				"Requirements to final review in 11 agent stages; any failing stage hands over to a recovery agent.",
				agents, new WorkflowGraph(nodes, edges));
	}

	private static Template careerAssistant() {
		List<AgentSpec> agents = List.of(
				new AgentSpec("reviewer", "Resume Reviewer",
						"You review a resume: strengths, gaps, and concrete rewrites of weak lines."),
				new AgentSpec("matcher", "Job Matcher",
						"You score from 0 to 100 how well a resume matches a job description, and explain the score "
								+ "requirement by requirement."));
		WorkflowGraph graph = new WorkflowGraph(
				List.of(agent("review", "reviewer", "Resume:\n{{input.resume}}"),
						agent("match", "matcher", "Resume:\n{{input.resume}}\n\nJob:\n{{input.job}}"),
						template("report", "## Review\n{{nodes.review.output}}\n\n## Match\n{{nodes.match.output}}")),
				List.of(edge("review", "report"), edge("match", "report")));
		return new Template("career-assistant", "Career assistant",
				"Resume review and job-match scoring run in parallel, then one report.", agents, graph);
	}

	private static WorkflowGraph.Node agent(String id, String agentKey, String prompt) {
		return new WorkflowGraph.Node(id, "agent", Map.of("agentKey", agentKey, "prompt", prompt));
	}

	private static WorkflowGraph.Node template(String id, String text) {
		return new WorkflowGraph.Node(id, "template", Map.of("template", text));
	}

	private static WorkflowGraph.Edge edge(String from, String to) {
		return new WorkflowGraph.Edge(from, to, false);
	}

}
