package com.hirebuddha.worker.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.hirebuddha.worker.knowledge.KnowledgeSearch;
import com.hirebuddha.worker.knowledge.Passage;
import com.hirebuddha.worker.providers.ModelCatalog;
import com.hirebuddha.worker.providers.ProviderHttpClient;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * {@code agent}: one streaming call to the agent's model through LangChain4j, with the
 * pinned version's persona as the system message. The user message is
 * {@code config.prompt} with its placeholders filled; without one, an agent execution
 * sends {@code input.message} and a workflow node sends its inputs' outputs. Failures are
 * sorted for the retry policy: 429, 5xx, timeouts and broken connections may succeed on
 * another attempt, the rest will not.
 */
@Component
class AgentNode implements NodeExecutor {

	private final ChatModels models;

	private final ProviderGuards guards;

	private final KnowledgeSearch knowledge;

	AgentNode(ChatModels models, ProviderGuards guards, KnowledgeSearch knowledge) {
		this.models = models;
		this.guards = guards;
		this.knowledge = knowledge;
	}

	/** Passages an agent with knowledge bases retrieves before it answers. */
	static final int PASSAGES = 5;

	@Override
	public String type() {
		return "agent";
	}

	@Override
	public @Nullable String model(Context context) {
		RunRequest.PinnedAgent agent = agent(context);
		return (agent != null) ? agent.model().provider() + "/" + agent.model().name() : null;
	}

	@Override
	public Outcome execute(Context context) throws NodeFailure {
		RunRequest.PinnedAgent agent = agent(context);
		if (agent == null) {
			throw NodeFailure.permanent("agent-missing", "the run does not carry the agent this node names");
		}
		RunRequest.Model spec = agent.model();
		ChatModels.Resolved resolved = this.models.model(context.request().tenantId(), spec);
		StreamingChatModel model = resolved.model();
		List<ChatMessage> messages = new ArrayList<>();
		String question = userMessage(context);
		// an agent with knowledge bases retrieves before it answers, with the question
		List<Passage> passages = agent.knowledgeBasesOrEmpty().isEmpty() ? List.of() : RetrievalNode
			.search(this.knowledge, context.request().tenantId(), agent.knowledgeBasesOrEmpty(), question, PASSAGES);
		String system = agent.systemPrompt() + (passages.isEmpty() ? "" : Grounding.INSTRUCTIONS);
		if (!system.isBlank()) {
			messages.add(SystemMessage.from(system.strip()));
		}
		messages.add(UserMessage.from(Grounding.message(question, passages)));
		ProviderGuards.Guard guard = this.guards.forEndpoint(spec.provider(), resolved.guard());
		guard.enter();
		long started = System.nanoTime();
		ChatResponse response;
		try {
			response = call(model, messages, context);
		}
		catch (NodeFailure failure) {
			guard.failed(System.nanoTime() - started, failure);
			throw failure;
		}
		catch (OutputLimits.Exceeded ex) {
			// this side cut the answer off: the provider did its part, and its permit is
			// returned
			guard.succeeded(System.nanoTime() - started);
			throw ex;
		}
		long elapsed = System.nanoTime() - started;
		guard.succeeded(elapsed);
		TokenUsage usage = response.tokenUsage();
		long input = (usage != null && usage.inputTokenCount() != null) ? usage.inputTokenCount() : 0;
		long output = (usage != null && usage.outputTokenCount() != null) ? usage.outputTokenCount() : 0;
		ModelCatalog.Entry entry = ModelCatalog.find(spec.provider(), spec.name());
		String text = (response.aiMessage() != null && response.aiMessage().text() != null)
				? response.aiMessage().text() : "";
		Call call = new Call(spec.provider(), spec.name(), input, output, elapsed / 1_000_000,
				entry.costMicros(input, output), entry.simulated());
		if (passages.isEmpty()) {
			return new Outcome(text, null, call);
		}
		Grounding.Resolved grounded = Grounding.resolve(text, passages);
		return new Outcome(grounded.answer(), null, call, grounded.citations());
	}

	private ChatResponse call(StreamingChatModel model, List<ChatMessage> messages, Context context)
			throws NodeFailure {
		CappedStream stream = new CappedStream(context);
		ProviderHttpClient.bind(context.abort());
		try (stream) {
			model.chat(ChatRequest.builder().messages(messages).build(), stream);
			// the shared client reads the stream on this thread, so the call has normally
			// ended here; the wait only guards a provider module that streams elsewhere
			return stream.response(context.timeout().toMillis() + 1_000);
		}
		catch (TimeoutException ex) {
			context.abort().abort();
			throw NodeFailure.retryable("timeout", "the provider did not finish in time", null);
		}
		catch (ExecutionException ex) {
			throw classify(ex.getCause() != null ? ex.getCause() : ex);
		}
		catch (InterruptedException ex) {
			throw NodeFailure.retryable("timeout", "the call was interrupted", null);
		}
		catch (OutputLimits.Exceeded ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			stream.rethrowCutOff();
			throw classify(ex);
		}
		finally {
			ProviderHttpClient.unbind();
			Thread.interrupted();
		}
	}

	static NodeFailure classify(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ProviderHttpClient.AbortedException) {
				return NodeFailure.retryable(NodeFailure.ABORTED, "the call was stopped (timeout or cancel)", null);
			}
			if (cause instanceof ProviderHttpClient.ProviderHttpException http) {
				int status = http.statusCode();
				String detail = "the provider answered " + status;
				if (status == 429) {
					return NodeFailure.retryable("rate-limited", detail + " (rate limited)", http.retryAfter());
				}
				if (status == 408 || status >= 500) {
					return NodeFailure.retryable("provider-error", detail, http.retryAfter());
				}
				if (status == 401 || status == 403) {
					return NodeFailure.permanent("provider-auth", detail + "; check the provider key");
				}
				return NodeFailure.permanent("provider-rejected", detail + ": " + shorten(http.getMessage()));
			}
			if (cause instanceof ProviderHttpClient.ProviderIoException
					|| cause instanceof dev.langchain4j.exception.TimeoutException
					|| cause instanceof java.net.http.HttpTimeoutException) {
				return NodeFailure.retryable("provider-unreachable", shorten(cause.getMessage()), null);
			}
		}
		if (error instanceof RetriableException) {
			return NodeFailure.retryable("provider-error", shorten(error.getMessage()), null);
		}
		return NodeFailure.permanent("provider-error", shorten(String.valueOf(error.getMessage())));
	}

	private static String shorten(@Nullable String message) {
		if (message == null) {
			return "";
		}
		return (message.length() > 300) ? message.substring(0, 300) + "…" : message;
	}

	private static RunRequest.@Nullable PinnedAgent agent(Context context) {
		return context.request().agentOf(context.node());
	}

	private static String userMessage(Context context) {
		String prompt = context.config("prompt");
		if (prompt != null && !prompt.isBlank()) {
			return context.render(prompt);
		}
		List<String> upstream = new ArrayList<>();
		for (String input : context.inputs()) {
			NodeState node = context.nodes().get(input);
			if (node != null && node.output() != null && !node.output().isBlank()) {
				upstream.add(node.output());
			}
		}
		if (!upstream.isEmpty()) {
			return String.join("\n\n", upstream);
		}
		Map<String, Object> input = context.request().inputOrEmpty();
		Object message = input.get("message");
		if (message instanceof String text && !text.isBlank()) {
			return text;
		}
		return input.isEmpty() ? "Hello." : Templates.text(input);
	}

	/**
	 * A provider's answer as it streams, passed on as deltas until it passes what the
	 * node may make; then the call is cut off, so a provider that streams past
	 * {@code maxTokens} is stopped while it streams, not after.
	 */
	private static final class CappedStream implements StreamingChatResponseHandler, AutoCloseable {

		private final Context context;

		private final OutputLimits.Meter meter;

		private final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

		private volatile OutputLimits.@Nullable Exceeded cutOff;

		CappedStream(Context context) {
			this.context = context;
			this.meter = new OutputLimits.Meter(context.textLimit(), context.run());
		}

		@Override
		public void onPartialResponse(String text) {
			if (this.cutOff != null) {
				return;
			}
			try {
				this.meter.add(text);
				this.context.deltas().append(text);
			}
			catch (OutputLimits.Exceeded ex) {
				this.cutOff = ex;
				this.context.abort().abort();
			}
		}

		@Override
		public void onCompleteResponse(ChatResponse response) {
			this.done.complete(response);
		}

		@Override
		public void onError(Throwable error) {
			this.done.completeExceptionally(error);
		}

		ChatResponse response(long timeoutMillis) throws ExecutionException, InterruptedException, TimeoutException {
			try {
				ChatResponse response = this.done.get(timeoutMillis, TimeUnit.MILLISECONDS);
				rethrowCutOff();
				return response;
			}
			catch (ExecutionException ex) {
				// the abort that cut it off fails the call: the limit is the reason
				rethrowCutOff();
				throw ex;
			}
		}

		void rethrowCutOff() {
			OutputLimits.Exceeded exceeded = this.cutOff;
			if (exceeded != null) {
				throw exceeded;
			}
		}

		@Override
		public void close() {
			this.meter.close();
		}

	}

}
