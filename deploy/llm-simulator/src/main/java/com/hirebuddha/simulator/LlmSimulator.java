package com.hirebuddha.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The LLM simulator: an OpenAI-compatible chat completions server that serves
 * deterministic simulated text on virtual threads.
 */
public final class LlmSimulator implements AutoCloseable {

	private static final int BACKLOG = 4096;

	private static final long STOP_GRACE_MS = 500;

	private final HttpServer server;

	private final ExecutorService executor;

	private LlmSimulator(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	/**
	 * Starts a simulator.
	 * @param settings the settings
	 * @return the running simulator
	 * @throws IOException if the address cannot be bound
	 */
	public static LlmSimulator start(SimulatorSettings settings) throws IOException {
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
		ObjectMapper mapper = JsonMapper.builder().build();
		HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), BACKLOG);
		ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
		server.setExecutor(executor);
		// the access log outermost, so it logs the status the error filter sent
		List<Filter> filters = List.of(new AccessLogFilter(System.out), new OpenAiErrors(mapper));
		route(server, "/", new NotFoundHandler(), filters);
		route(server, ChatCompletionsHandler.PATH, new ChatCompletionsHandler(settings, mapper), filters);
		route(server, ModelsHandler.PATH, new ModelsHandler(mapper), filters);
		route(server, HealthHandler.PATH, new HealthHandler(mapper), filters);
		server.start();
		return new LlmSimulator(server, executor);
	}

	private static void route(HttpServer server, String path, HttpHandler handler, List<Filter> filters) {
		server.createContext(path, handler).getFilters().addAll(filters);
	}

	/**
	 * The port the simulator listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * The base URI of the simulator, to which {@code /v1/chat/completions} is relative.
	 * @return the base URI
	 */
	public URI baseUri() {
		InetSocketAddress address = this.server.getAddress();
		return URI.create("http://" + address.getHostString() + ":" + address.getPort());
	}

	/**
	 * Stops the simulator, giving running exchanges some time to finish, then
	 * interrupting the rest.
	 * @param delaySeconds how long to wait for running exchanges at most
	 */
	public void stop(int delaySeconds) {
		this.server.stop(delaySeconds);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(STOP_GRACE_MS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		stop(0);
	}

	/**
	 * Runs the simulator until the process is told to stop.
	 * @param args {@code --key=value} settings
	 * @throws IOException if the address cannot be bound
	 */
	public static void main(String[] args) throws IOException {
		SimulatorSettings settings;
		try {
			settings = SimulatorSettings.from(args, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			System.err.println("llm-simulator: " + ex.getMessage());
			System.exit(2);
			return;
		}
		LlmSimulator simulator = start(settings);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> simulator.stop(1), "llm-simulator-shutdown"));
		System.out.println("HireBuddha LLM simulator (simulated output, not a real model) listening on "
				+ simulator.baseUri() + " model=" + CompletionRequest.DEFAULT_MODEL + " tokens=" + settings.tokens()
				+ " token-delay-ms=" + settings.tokenDelayMs() + " latency-ms=" + settings.latencyMs());
	}

}
