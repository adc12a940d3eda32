package com.hirebuddha.orchestration.workflows;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.PageQuery;
import com.hirebuddha.commons.web.PageView;
import com.hirebuddha.orchestration.agents.AgentRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/workflows}: a tenant's workflows, validated on every save and on demand;
 * API keys need {@code workflows:read} or {@code workflows:write}.
 */
@RestController
@RequestMapping("/api/v1/workflows")
class WorkflowController {

	private final Workflows workflows;

	WorkflowController(Workflows workflows) {
		this.workflows = workflows;
	}

	@PostMapping("/validate")
	Map<String, Object> validate(@Valid @RequestBody Validate request, Caller caller) {
		this.workflows.validate(caller.requireTenant("workflows:read"), request.graph());
		return Map.of("valid", true);
	}

	@PostMapping
	ResponseEntity<WorkflowView> create(@Valid @RequestBody WorkflowRequest request, Caller caller) {
		WorkflowView workflow = this.workflows.create(caller.requireTenant("workflows:write"), request);
		return ResponseEntity.created(URI.create("/api/v1/workflows/" + workflow.id())).body(workflow);
	}

	@GetMapping
	PageView<WorkflowView> list(Caller caller, PageQuery page) {
		return this.workflows.list(caller.requireTenant("workflows:read"), page.page(), page.size());
	}

	@GetMapping("/{id}")
	WorkflowView get(@PathVariable UUID id, Caller caller) {
		return this.workflows.find(caller.requireTenant("workflows:read"), id)
			.orElseThrow(() -> ApiException.notFound("workflow", id));
	}

	@PutMapping("/{id}")
	WorkflowView update(@PathVariable UUID id, @Valid @RequestBody WorkflowRequest request, Caller caller) {
		return this.workflows.update(caller.requireTenant("workflows:write"), id, request);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id, Caller caller) {
		this.workflows.delete(caller.requireTenant("workflows:write"), id);
	}

	/**
	 * The example systems a tenant can start from ({@code /api/v1/workflows/templates}).
	 */
	@GetMapping("/templates")
	Map<String, Object> templates(Caller caller) {
		caller.requireTenant("workflows:read");
		return Map.of("items",
				WorkflowTemplates.ALL.stream()
					.map((template) -> Map.of("id", template.id(), "name", template.name(), "description",
							template.description(), "agents", template.agents().size(), "nodes",
							template.graph().nodesOrEmpty().size()))
					.toList());
	}

	/**
	 * Creates a template's agents and workflow in the caller's tenant, on the given model
	 * (the local simulator unless said otherwise).
	 */
	@PostMapping("/templates/{template}/instantiate")
	ResponseEntity<WorkflowView> instantiate(@PathVariable String template,
			@Valid @RequestBody(required = false) @Nullable Instantiate request, Caller caller) {
		WorkflowView workflow = this.workflows
			.instantiate(
					caller.requireTenant("workflows:write"), template, (request != null && request.model() != null)
							? request.model() : new AgentRequest.Model("simulator", "sim-1", null, null),
					caller.subject());
		return ResponseEntity.created(URI.create("/api/v1/workflows/" + workflow.id())).body(workflow);
	}

	record Validate(@NotNull WorkflowGraph graph) {
	}

	record Instantiate(@Valid AgentRequest.@Nullable Model model) {
	}

}
