package com.hirebuddha.orchestration.executions;

import java.net.URI;
import java.util.UUID;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.PageQuery;
import com.hirebuddha.commons.web.PageView;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Executions: {@code POST /agents/{id}/executions} and {@code POST
 * /workflows/{id}/executions} answer 202 at once; {@code /executions} reads, follows and
 * cancels them. API keys need {@code agents:run} or {@code workflows:run}.
 */
@RestController
@RequestMapping("/api/v1")
class ExecutionController {

	private static final String[] RUN_SCOPES = { "agents:run", "workflows:run" };

	private final Executions executions;

	private final ExecutionQueries queries;

	private final ExecutionStreams streams;

	ExecutionController(Executions executions, ExecutionQueries queries, ExecutionStreams streams) {
		this.executions = executions;
		this.queries = queries;
		this.streams = streams;
	}

	@PostMapping("/agents/{id}/executions")
	ResponseEntity<ExecutionView> runAgent(@PathVariable UUID id,
			@RequestBody(required = false) @Nullable ExecutionRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key, Caller caller) {
		ExecutionRequest body = orEmpty(request);
		return accepted(this.executions.startAgent(caller, id, body, key));
	}

	@PostMapping("/workflows/{id}/executions")
	ResponseEntity<ExecutionView> runWorkflow(@PathVariable UUID id,
			@RequestBody(required = false) @Nullable ExecutionRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key, Caller caller) {
		ExecutionRequest body = orEmpty(request);
		return accepted(this.executions.startWorkflow(caller, id, body, key));
	}

	@GetMapping("/executions")
	PageView<ExecutionView> list(Caller caller, @RequestParam(required = false) @Nullable @Pattern(
			regexp = "PENDING|RUNNING|SUCCEEDED|FAILED|CANCELLED") String status, PageQuery page) {
		return this.queries.list(caller.requireTenant(RUN_SCOPES), status, page.page(), page.size());
	}

	@GetMapping("/executions/{id}")
	ExecutionView get(@PathVariable UUID id, Caller caller) {
		return this.queries.find(caller.requireTenant(RUN_SCOPES), id)
			.orElseThrow(() -> ApiException.notFound("execution", id));
	}

	@GetMapping(path = "/executions/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable UUID id, Caller caller,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
			@RequestParam(name = "lastEventId", required = false) @Nullable String lastEventIdParam) {
		UUID tenantId = caller.requireTenant(RUN_SCOPES);
		if (!this.queries.exists(tenantId, id)) {
			throw ApiException.notFound("execution", id);
		}
		return this.streams.open(tenantId, id, after((lastEventId != null) ? lastEventId : lastEventIdParam));
	}

	@PostMapping("/executions/{id}/cancel")
	ResponseEntity<ExecutionView> cancel(@PathVariable UUID id, Caller caller) {
		ExecutionView execution = this.executions.cancel(caller.requireTenant(RUN_SCOPES), id);
		return ResponseEntity.accepted().body(execution);
	}

	private static long after(@Nullable String lastEventId) {
		if (lastEventId == null || lastEventId.isBlank()) {
			return 0;
		}
		try {
			return Math.max(0, Long.parseLong(lastEventId.trim()));
		}
		catch (NumberFormatException ex) {
			throw ApiException.invalid("invalid-last-event-id",
					"Last-Event-ID must be the id of an event this stream sent, a whole number.");
		}
	}

	private static ExecutionRequest orEmpty(@Nullable ExecutionRequest request) {
		return (request != null) ? request : new ExecutionRequest(null);
	}

	private static ResponseEntity<ExecutionView> accepted(Executions.Accepted accepted) {
		ResponseEntity.BodyBuilder response = ResponseEntity.accepted()
			.location(URI.create("/api/v1/executions/" + accepted.execution().id()));
		if (accepted.replayed()) {
			response.header("Idempotent-Replayed", "true");
		}
		return response.body(accepted.execution());
	}

}
