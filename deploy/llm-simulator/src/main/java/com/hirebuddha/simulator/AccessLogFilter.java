package com.hirebuddha.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

/**
 * Logs one line per request: method, path, status, completion tokens and duration, never
 * the message contents.
 */
final class AccessLogFilter extends Filter {

	/**
	 * The completion tokens sent for the request that the current thread handles.
	 * Exchange attributes cannot hold it, as the JDK server shares them across a context.
	 */
	private static final ThreadLocal<int[]> TOKENS = new ThreadLocal<>();

	private final PrintStream out;

	AccessLogFilter(PrintStream out) {
		this.out = out;
	}

	@Override
	public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
		long start = System.nanoTime();
		String outcome = "";
		int[] tokens = new int[1];
		TOKENS.set(tokens);
		try {
			chain.doFilter(exchange);
		}
		catch (IOException | RuntimeException ex) {
			outcome = (ex instanceof CompletionStream.SimulatedStreamFailure) ? " aborted=simulated"
					: " aborted=" + ex.getClass().getSimpleName();
			throw ex;
		}
		finally {
			TOKENS.remove();
			long millis = (System.nanoTime() - start) / 1_000_000;
			this.out
				.println(Instant.now() + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
						+ " " + exchange.getResponseCode() + " tokens=" + tokens[0] + " ms=" + millis + outcome);
		}
	}

	/**
	 * Records how many completion tokens the current request has sent so far.
	 * @param count the number of tokens
	 */
	static void recordTokens(int count) {
		int[] tokens = TOKENS.get();
		if (tokens != null) {
			tokens[0] = count;
		}
	}

	@Override
	public String description() {
		return "One log line per request";
	}

}
