/**
 * A local, OpenAI-compatible chat completions server that streams deterministic, clearly
 * labelled simulated text: the offline default LLM provider of HireBuddha.
 */
package com.hirebuddha.simulator;
