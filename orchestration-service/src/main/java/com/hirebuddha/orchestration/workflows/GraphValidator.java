package com.hirebuddha.orchestration.workflows;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hirebuddha.commons.conditions.Conditions;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a graph can run, and says why not, naming the node: too many nodes,
 * duplicate or malformed ids, unknown types, missing settings, dangling edges,
 * self-loops, cycles, and references to nodes that are not upstream. Iterative throughout
 * (no recursion, so no stack to overflow), linear in nodes plus edges except the upstream
 * check, whose ancestor bitsets cost (nodes × edges) / 64 word operations.
 */
public final class GraphValidator {

	/** The most nodes a workflow may have. */
	public static final int MAX_NODES = 500;

	private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

	private static final Pattern NODE_REFERENCE = Pattern
		.compile("\\{\\{\\s*nodes\\.([A-Za-z0-9_-]+)\\.(?:output|error)\\s*}}");

	private static final Pattern INPUT_REFERENCE = Pattern.compile("\\{\\{\\s*input\\.([A-Za-z0-9_-]+)\\s*}}");

	private static final Map<String, List<String>> REQUIRED = Map.of("agent", List.of("agentId"), "condition",
			List.of("expression"), "template", List.of("template"), "http", List.of("url", "method"), "retrieval",
			List.of("query"));

	private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

	private GraphValidator() {
	}

	/**
	 * The knowledge bases a retrieval node's config names: {@code knowledgeBaseIds} (a
	 * list) or {@code knowledgeBaseId}.
	 * @param config the node's config
	 * @return the ids, empty if they are missing or not all ids
	 */
	public static List<UUID> knowledgeBases(Map<String, Object> config) {
		List<Object> named = new ArrayList<>();
		if (config.get("knowledgeBaseIds") instanceof List<?> ids) {
			named.addAll(ids);
		}
		else if (config.get("knowledgeBaseId") != null) {
			named.add(config.get("knowledgeBaseId"));
		}
		if (named.isEmpty() || named.size() > 20) {
			return List.of();
		}
		List<UUID> ids = new ArrayList<>();
		for (Object id : named) {
			if (!(id instanceof String text) || !isUuid(text)) {
				return List.of();
			}
			ids.add(UUID.fromString(text));
		}
		return ids;
	}

	/**
	 * Validates a graph.
	 * @param graph the graph
	 * @return its problems; empty if it can run
	 */
	public static List<GraphProblem> validate(WorkflowGraph graph) {
		List<GraphProblem> problems = new ArrayList<>();
		List<WorkflowGraph.Node> nodes = (graph.nodes() != null) ? graph.nodes() : List.of();
		List<WorkflowGraph.Edge> edges = (graph.edges() != null) ? graph.edges() : List.of();
		if (nodes.isEmpty()) {
			problems.add(new GraphProblem(null, "a workflow needs at least one node"));
			return problems;
		}
		if (nodes.size() > MAX_NODES) {
			problems.add(new GraphProblem(null, "a workflow has at most " + MAX_NODES + " nodes, not " + nodes.size()));
			return problems;
		}
		Map<String, Integer> index = new HashMap<>();
		Map<String, String> types = new HashMap<>();
		for (WorkflowGraph.Node node : nodes) {
			checkNode(node, index, problems);
			types.putIfAbsent(String.valueOf(node.id()), String.valueOf(node.type()));
		}
		if (!problems.isEmpty()) {
			return problems;
		}
		List<List<Integer>> successors = new ArrayList<>();
		List<List<Integer>> predecessors = new ArrayList<>();
		for (int i = 0; i < nodes.size(); i++) {
			successors.add(new ArrayList<>());
			predecessors.add(new ArrayList<>());
		}
		checkEdges(edges, index, types, successors, predecessors, problems);
		if (!problems.isEmpty()) {
			return problems;
		}
		int[] order = topologicalOrder(nodes, successors, predecessors, problems);
		if (order != null) {
			checkReferences(nodes, order, predecessors, index, problems);
		}
		return problems;
	}

	private static void checkNode(WorkflowGraph.Node node, Map<String, Integer> index, List<GraphProblem> problems) {
		String id = node.id();
		if (id == null || !ID.matcher(id).matches()) {
			problems.add(new GraphProblem(id, "a node id is 1-64 letters, digits, _ or -, starting with a letter"));
			return;
		}
		if (index.putIfAbsent(id, index.size()) != null) {
			problems.add(new GraphProblem(id, "two nodes have the id " + id));
			return;
		}
		List<String> required = REQUIRED.get(node.type());
		if (required == null) {
			problems.add(new GraphProblem(id, "unknown node type " + node.type() + "; known: " + REQUIRED.keySet()));
			return;
		}
		Map<String, Object> config = (node.config() != null) ? node.config() : Map.of();
		for (String key : required) {
			Object value = config.get(key);
			if (!(value instanceof String text) || text.isBlank()) {
				problems.add(new GraphProblem(id, node.type() + " node needs config." + key));
			}
		}
		if ("agent".equals(node.type()) && config.get("agentId") instanceof String agentId && !isUuid(agentId)) {
			problems.add(new GraphProblem(id, "config.agentId must be an agent's id"));
		}
		if ("retrieval".equals(node.type()) && knowledgeBases(config).isEmpty()) {
			problems.add(new GraphProblem(id,
					"retrieval node needs config.knowledgeBaseIds (1 to 20 knowledge base ids) or config.knowledgeBaseId"));
		}
		if ("retrieval".equals(node.type()) && config.containsKey("topK")
				&& !(config.get("topK") instanceof Integer topK && topK >= 1 && topK <= 50)) {
			problems.add(new GraphProblem(id, "config.topK must be a whole number from 1 to 50"));
		}
		if ("http".equals(node.type()) && config.get("method") instanceof String method
				&& !HTTP_METHODS.contains(method)) {
			problems.add(new GraphProblem(id, "config.method must be one of " + HTTP_METHODS));
		}
		if ("condition".equals(node.type()) && config.get("expression") instanceof String expression
				&& !expression.isBlank()) {
			String problem = Conditions.problem(expression);
			if (problem != null) {
				problems.add(new GraphProblem(id, "config.expression: " + problem));
			}
		}
		if ("http".equals(node.type()) && config.get("url") instanceof String url && !url.startsWith("https://")
				&& !url.startsWith("http://") && !url.startsWith("{{")) {
			problems.add(new GraphProblem(id, "config.url must be an http(s) URL"));
		}
	}

	private static void checkEdges(List<WorkflowGraph.Edge> edges, Map<String, Integer> index,
			Map<String, String> types, List<List<Integer>> successors, List<List<Integer>> predecessors,
			List<GraphProblem> problems) {
		Set<String> seen = new HashSet<>();
		Set<String> recovered = new HashSet<>();
		for (WorkflowGraph.Edge edge : edges) {
			Integer from = (edge.from() != null) ? index.get(edge.from()) : null;
			Integer to = (edge.to() != null) ? index.get(edge.to()) : null;
			if (from == null || to == null) {
				problems.add(new GraphProblem((from == null) ? edge.from() : edge.to(),
						"edge " + edge.from() + " -> " + edge.to() + " names a node that does not exist"));
				continue;
			}
			if (from.equals(to)) {
				problems.add(new GraphProblem(edge.from(), "node " + edge.from() + " has an edge to itself"));
				continue;
			}
			if (!seen.add(edge.from() + "\u0000" + edge.to())) {
				problems
					.add(new GraphProblem(edge.from(), "edge " + edge.from() + " -> " + edge.to() + " is there twice"));
				continue;
			}
			if (edge.when() != null && (!"condition".equals(types.get(edge.from())) || edge.isOnError())) {
				problems.add(new GraphProblem(edge.from(), "edge " + edge.from() + " -> " + edge.to()
						+ " has 'when', which only a condition node's normal edges may have"));
				continue;
			}
			if (edge.isOnError() && !recovered.add(edge.from())) {
				problems.add(new GraphProblem(edge.from(), "node " + edge.from() + " has more than one onError edge"));
				continue;
			}
			successors.get(from).add(to);
			predecessors.get(to).add(from);
		}
	}

	/**
	 * Kahn's algorithm; nodes it cannot order sit on or behind a cycle, and are named.
	 */
	private static int @Nullable [] topologicalOrder(List<WorkflowGraph.Node> nodes, List<List<Integer>> successors,
			List<List<Integer>> predecessors, List<GraphProblem> problems) {
		int[] inDegree = new int[nodes.size()];
		for (int i = 0; i < nodes.size(); i++) {
			inDegree[i] = predecessors.get(i).size();
		}
		Deque<Integer> ready = new ArrayDeque<>();
		for (int i = 0; i < nodes.size(); i++) {
			if (inDegree[i] == 0) {
				ready.add(i);
			}
		}
		int[] order = new int[nodes.size()];
		int done = 0;
		while (!ready.isEmpty()) {
			int node = ready.poll();
			order[done++] = node;
			for (int next : successors.get(node)) {
				if (--inDegree[next] == 0) {
					ready.add(next);
				}
			}
		}
		if (done == nodes.size()) {
			return order;
		}
		for (int i = 0; i < nodes.size(); i++) {
			if (inDegree[i] > 0) {
				problems
					.add(new GraphProblem(nodes.get(i).id(), "node " + nodes.get(i).id() + " is on or after a cycle"));
			}
		}
		return null;
	}

	private static void checkReferences(List<WorkflowGraph.Node> nodes, int[] order, List<List<Integer>> predecessors,
			Map<String, Integer> index, List<GraphProblem> problems) {
		BitSet[] ancestors = new BitSet[nodes.size()];
		for (int node : order) {
			BitSet mine = new BitSet(nodes.size());
			for (int parent : predecessors.get(node)) {
				mine.or(ancestors[parent]);
				mine.set(parent);
			}
			ancestors[node] = mine;
		}
		for (int i = 0; i < nodes.size(); i++) {
			WorkflowGraph.Node node = nodes.get(i);
			for (String text : strings(node)) {
				Matcher matcher = NODE_REFERENCE.matcher(text);
				while (matcher.find()) {
					Integer referenced = index.get(matcher.group(1));
					if (referenced == null || !ancestors[i].get(referenced)) {
						problems.add(new GraphProblem(node.id(), "node " + node.id() + " refers to nodes."
								+ matcher.group(1) + ", which is not upstream of it"));
					}
				}
			}
		}
	}

	/**
	 * The inputs a graph refers to ({@code {{input.x}}}) that an execution's input lacks.
	 * @param graph a valid graph
	 * @param input the execution's input
	 * @return the missing names with the first node that needs each, in node order
	 */
	public static List<GraphProblem> missingInputs(WorkflowGraph graph, Map<String, ?> input) {
		Map<String, GraphProblem> missing = new LinkedHashMap<>();
		for (WorkflowGraph.Node node : (graph.nodes() != null) ? graph.nodes() : List.<WorkflowGraph.Node>of()) {
			for (String text : strings(node)) {
				Matcher matcher = INPUT_REFERENCE.matcher(text);
				while (matcher.find()) {
					String name = matcher.group(1);
					if (!input.containsKey(name)) {
						missing.putIfAbsent(name,
								new GraphProblem(node.id(), "node " + node.id() + " needs input." + name));
					}
				}
			}
		}
		return new ArrayList<>(missing.values());
	}

	// every string in a node's config, however deeply nested, without recursion
	private static List<String> strings(WorkflowGraph.Node node) {
		List<String> strings = new ArrayList<>();
		Deque<Object> values = new ArrayDeque<>();
		if (node.config() != null) {
			node.config().values().stream().filter(Objects::nonNull).forEach(values::add);
		}
		while (!values.isEmpty()) {
			Object value = values.pop();
			if (value instanceof Map<?, ?> map) {
				map.values().stream().filter(Objects::nonNull).forEach(values::add);
			}
			else if (value instanceof List<?> list) {
				list.stream().filter(Objects::nonNull).forEach(values::add);
			}
			else if (value instanceof String text) {
				strings.add(text);
			}
		}
		return strings;
	}

	private static boolean isUuid(String value) {
		try {
			UUID.fromString(value);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
