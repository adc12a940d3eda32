package com.hirebuddha.simulator;

import java.util.HashMap;
import java.util.Map;

/**
 * The simulator's settings: {@code --key=value} arguments override environment variables,
 * which override the defaults.
 *
 * @param host the address to bind to
 * @param port the port to listen on, {@code 0} for an ephemeral one
 * @param tokenDelayMs the default delay before each streamed token, in milliseconds
 * @param latencyMs the default extra delay before the first token, in milliseconds
 * @param tokens the default completion length, in tokens
 */
public record SimulatorSettings(String host, int port, long tokenDelayMs, long latencyMs, int tokens) {

	/** The largest completion length the simulator accepts. */
	static final int MAX_TOKENS = 100_000;

	private static final long MAX_DELAY_MS = 600_000;

	public SimulatorSettings {
		if (host == null || host.isBlank()) {
			throw new IllegalArgumentException("host must not be blank");
		}
		check("port", port, 0, 65_535);
		check("token delay", tokenDelayMs, 0, MAX_DELAY_MS);
		check("latency", latencyMs, 0, MAX_DELAY_MS);
		check("tokens", tokens, 1, MAX_TOKENS);
	}

	/**
	 * Reads the settings from command-line arguments and environment variables.
	 * @param args the {@code --key=value} arguments
	 * @param env the environment variables
	 * @return the settings
	 * @throws IllegalArgumentException if an argument is unknown or a value is invalid
	 */
	public static SimulatorSettings from(String[] args, Map<String, String> env) {
		Map<String, String> arguments = arguments(args);
		String host = value(arguments, env, "host", "HB_SIMULATOR_HOST", "127.0.0.1");
		int port = (int) number(arguments, env, "port", "HB_SIMULATOR_PORT", 8099);
		long tokenDelayMs = number(arguments, env, "token-delay-ms", "HB_SIMULATOR_TOKEN_DELAY_MS", 20);
		long latencyMs = number(arguments, env, "latency-ms", "HB_SIMULATOR_LATENCY_MS", 0);
		int tokens = (int) number(arguments, env, "tokens", "HB_SIMULATOR_TOKENS", 48);
		if (!arguments.isEmpty()) {
			throw new IllegalArgumentException("Unknown option(s): --" + String.join(", --", arguments.keySet())
					+ " (known: --host, --port, --token-delay-ms, --latency-ms, --tokens)");
		}
		return new SimulatorSettings(host, port, tokenDelayMs, latencyMs, tokens);
	}

	private static Map<String, String> arguments(String[] args) {
		Map<String, String> arguments = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 3) {
				throw new IllegalArgumentException("Expected --key=value but got '" + arg + "'");
			}
			arguments.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		return arguments;
	}

	private static String value(Map<String, String> arguments, Map<String, String> env, String key, String variable,
			String fallback) {
		String argument = arguments.remove(key);
		if (argument != null) {
			return argument;
		}
		String fromEnv = env.get(variable);
		return (fromEnv != null && !fromEnv.isBlank()) ? fromEnv.trim() : fallback;
	}

	private static long number(Map<String, String> arguments, Map<String, String> env, String key, String variable,
			long fallback) {
		String text = value(arguments, env, key, variable, Long.toString(fallback));
		try {
			return Long.parseLong(text.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(key + " must be a whole number but was '" + text + "'");
		}
	}

	private static void check(String name, long value, long min, long max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException(name + " must be between " + min + " and " + max + " but was " + value);
		}
	}

}
