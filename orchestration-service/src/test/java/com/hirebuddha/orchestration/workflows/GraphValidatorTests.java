package com.hirebuddha.orchestration.workflows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The graph rules, by example and by property over generated graphs.
 */
class GraphValidatorTests {

	@Property(tries = 300)
	void everyDagIsAccepted(@ForAll("dags") WorkflowGraph graph) {
		assertThat(GraphValidator.validate(graph)).isEmpty();
	}

	@Property(tries = 300)
	void everyGraphWithACycleIsRejectedNamingItsNodes(@ForAll("dags") WorkflowGraph dag,
			@ForAll @IntRange(min = 0, max = 1000) int pick) {
		List<WorkflowGraph.Node> nodes = dag.nodes();
		// close a cycle: an edge back from a node to one of its (transitive) ancestors on
		// a chain
		int count = nodes.size();
		if (count < 2) {
			return;
		}
		int low = pick % (count - 1);
		int high = low + 1 + (pick % (count - low - 1));
		List<WorkflowGraph.Edge> edges = new ArrayList<>(dag.edges());
		edges.removeIf((edge) -> edge.from().equals(id(low)) && edge.to().equals(id(high)));
		edges.add(new WorkflowGraph.Edge(id(low), id(high), false));
		edges.add(new WorkflowGraph.Edge(id(high), id(low), false));
		List<GraphProblem> problems = GraphValidator.validate(new WorkflowGraph(nodes, edges));
		assertThat(problems).isNotEmpty();
		assertThat(problems).extracting(GraphProblem::node).contains(id(low), id(high));
		assertThat(problems).allSatisfy((problem) -> assertThat(problem.message()).contains("cycle"));
	}

	@Test
	void fiveHundredNodesValidateInMillisecondsWithoutRecursion() {
		List<WorkflowGraph.Node> nodes = new ArrayList<>();
		List<WorkflowGraph.Edge> edges = new ArrayList<>();
		for (int i = 0; i < GraphValidator.MAX_NODES; i++) {
			nodes.add(template(i, (i == 0) ? "{{input.topic}}" : "{{nodes." + id(i - 1) + ".output}}"));
			if (i > 0) {
				edges.add(new WorkflowGraph.Edge(id(i - 1), id(i), false));
			}
			for (int back = 2; back <= 8 && i - back >= 0; back++) {
				edges.add(new WorkflowGraph.Edge(id(i - back), id(i), false));
			}
		}
		WorkflowGraph graph = new WorkflowGraph(nodes, edges);
		GraphValidator.validate(graph);
		// generous: it takes a few milliseconds; this only catches an accidental blow-up
		assertTimeoutPreemptively(Duration.ofMillis(500), () -> assertThat(GraphValidator.validate(graph)).isEmpty());
		nodes.add(template(GraphValidator.MAX_NODES, "x"));
		assertThat(GraphValidator.validate(new WorkflowGraph(nodes, edges))).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains("at most 500"));
	}

	@Test
	void eachRuleNamesTheNodeAtFault() {
		assertThat(problems(List.of(template(0, "x"), template(0, "y")), List.of())).containsExactly("n0");
		assertThat(messages(List.of(new WorkflowGraph.Node("n0", "shell", Map.of())), List.of())).singleElement()
			.asString()
			.contains("unknown node type shell");
		assertThat(messages(List.of(new WorkflowGraph.Node("a", "agent", Map.of())), List.of())).singleElement()
			.asString()
			.contains("config.agentId");
		assertThat(messages(List.of(new WorkflowGraph.Node("a", "agent", Map.of("agentId", "not-a-uuid"))), List.of()))
			.singleElement()
			.asString()
			.contains("agent's id");
		assertThat(messages(List.of(new WorkflowGraph.Node("h", "http", Map.of("url", "ftp://x", "method", "GET"))),
				List.of()))
			.singleElement()
			.asString()
			.contains("http(s)");
		assertThat(problems(List.of(template(0, "x")), List.of(new WorkflowGraph.Edge(id(0), "ghost", false))))
			.containsExactly("ghost");
		assertThat(messages(List.of(template(0, "x")), List.of(new WorkflowGraph.Edge(id(0), id(0), false))))
			.singleElement()
			.asString()
			.contains("to itself");
		assertThat(messages(List.of(template(0, "{{nodes.n1.output}}"), template(1, "x")),
				List.of(new WorkflowGraph.Edge(id(0), id(1), false))))
			.singleElement()
			.asString()
			.contains("not upstream");
		assertThat(messages(List.of(template(0, "x"), template(1, "y"), template(2, "z")),
				List.of(new WorkflowGraph.Edge(id(0), id(1), true), new WorkflowGraph.Edge(id(0), id(2), true))))
			.singleElement()
			.asString()
			.contains("more than one onError");
		assertThat(GraphValidator.validate(new WorkflowGraph(List.of(), List.of()))).singleElement()
			.satisfies((problem) -> assertThat(problem.node()).isNull());
	}

	@Test
	void aRecoveryNodeBehindAnOnErrorEdgeIsFine() {
		WorkflowGraph graph = new WorkflowGraph(
				List.of(new WorkflowGraph.Node("call", "http", Map.of("url", "https://example.com", "method", "GET")),
						new WorkflowGraph.Node("recover", "agent", Map.of("agentId", UUID.randomUUID().toString())),
						template(9, "{{nodes.call.output}} {{input.q}}")),
				List.of(new WorkflowGraph.Edge("call", "recover", true), new WorkflowGraph.Edge("call", id(9), false)));
		assertThat(GraphValidator.validate(graph)).isEmpty();
	}

	@Test
	void conditionsCompileWhenSavedAndOnlyTheirEdgesChooseABranch() {
		WorkflowGraph.Node check = new WorkflowGraph.Node("check", "condition",
				Map.of("expression", "input.score >= 7"));
		List<WorkflowGraph.Node> nodes = List.of(check, template(1, "yes"), template(2, "no"));
		assertThat(GraphValidator
			.validate(new WorkflowGraph(nodes, List.of(new WorkflowGraph.Edge("check", id(1), false, true),
					new WorkflowGraph.Edge("check", id(2), false, false)))))
			.isEmpty();
		assertThat(
				messages(List.of(new WorkflowGraph.Node("check", "condition", Map.of("expression", "input.score >"))),
						List.of()))
			.singleElement()
			.asString()
			.contains("does not compile");
		assertThat(messages(List.of(template(0, "x"), template(1, "y")),
				List.of(new WorkflowGraph.Edge(id(0), id(1), false, true))))
			.singleElement()
			.asString()
			.contains("only a condition node");
	}

	@Test
	void anExecutionsMissingInputsAreNamedWithTheNodeThatNeedsThem() {
		WorkflowGraph graph = new WorkflowGraph(
				List.of(template(0, "{{input.topic}} {{input.tone}}"), template(1, "{{ input.topic }}")),
				List.of(new WorkflowGraph.Edge(id(0), id(1), false)));
		assertThat(GraphValidator.missingInputs(graph, Map.of("tone", "dry")))
			.containsExactly(new GraphProblem(id(0), "node n0 needs input.topic"));
		assertThat(GraphValidator.missingInputs(graph, Map.of("topic", "tea", "tone", "dry"))).isEmpty();
	}

	@Provide
	Arbitrary<WorkflowGraph> dags() {
		return Arbitraries.integers().between(1, 60).flatMap((count) -> {
			Arbitrary<List<int[]>> pairs = Combinators
				.combine(Arbitraries.integers().between(0, count - 1), Arbitraries.integers().between(0, count - 1))
				.as((a, b) -> new int[] { Math.min(a, b), Math.max(a, b) })
				.filter((pair) -> pair[0] != pair[1])
				.list()
				.ofMaxSize(count * 3);
			return pairs.map((list) -> graph(count, list));
		});
	}

	/**
	 * Edges only from lower to higher index: acyclic by construction; references follow
	 * edges.
	 */
	private static WorkflowGraph graph(int count, List<int[]> pairs) {
		List<WorkflowGraph.Edge> edges = new ArrayList<>();
		java.util.Set<String> seen = new java.util.HashSet<>();
		List<List<Integer>> parents = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			parents.add(new ArrayList<>());
		}
		for (int[] pair : pairs) {
			if (seen.add(pair[0] + ">" + pair[1])) {
				edges.add(new WorkflowGraph.Edge(id(pair[0]), id(pair[1]), false));
				parents.get(pair[1]).add(pair[0]);
			}
		}
		List<WorkflowGraph.Node> nodes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			StringBuilder text = new StringBuilder("{{input.topic}}");
			parents.get(i).forEach((parent) -> text.append(" {{nodes.").append(id(parent)).append(".output}}"));
			nodes.add(template(i, text.toString()));
		}
		return new WorkflowGraph(nodes, edges);
	}

	private static WorkflowGraph.Node template(int i, String text) {
		return new WorkflowGraph.Node(id(i), "template", Map.of("template", text));
	}

	private static String id(int i) {
		return "n" + i;
	}

	private static List<String> problems(List<WorkflowGraph.Node> nodes, List<WorkflowGraph.Edge> edges) {
		return GraphValidator.validate(new WorkflowGraph(nodes, edges)).stream().map(GraphProblem::node).toList();
	}

	private static List<String> messages(List<WorkflowGraph.Node> nodes, List<WorkflowGraph.Edge> edges) {
		return GraphValidator.validate(new WorkflowGraph(nodes, edges)).stream().map(GraphProblem::message).toList();
	}

}
