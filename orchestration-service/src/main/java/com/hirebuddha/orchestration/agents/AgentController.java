package com.hirebuddha.orchestration.agents;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.PageQuery;
import com.hirebuddha.commons.web.PageView;

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
 * {@code /api/v1/agents}: a tenant's agents and their versions; API keys need
 * {@code agents:read} or {@code agents:write}. Another tenant's agent answers 404.
 */
@RestController
@RequestMapping("/api/v1/agents")
class AgentController {

	private final Agents agents;

	AgentController(Agents agents) {
		this.agents = agents;
	}

	@PostMapping
	ResponseEntity<AgentView> create(@Valid @RequestBody AgentRequest request, Caller caller) {
		AgentView agent = this.agents.create(caller.requireTenant("agents:write"), request, caller.subject());
		return ResponseEntity.created(URI.create("/api/v1/agents/" + agent.id())).body(agent);
	}

	@GetMapping
	PageView<AgentView> list(Caller caller, PageQuery page) {
		return this.agents.list(caller.requireTenant("agents:read"), page.page(), page.size());
	}

	@GetMapping("/{id}")
	AgentView get(@PathVariable UUID id, Caller caller) {
		return this.agents.find(caller.requireTenant("agents:read"), id)
			.orElseThrow(() -> ApiException.notFound("agent", id));
	}

	@PutMapping("/{id}")
	AgentView update(@PathVariable UUID id, @Valid @RequestBody AgentRequest request, Caller caller) {
		return this.agents.update(caller.requireTenant("agents:write"), id, request, caller.subject());
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id, Caller caller) {
		this.agents.delete(caller.requireTenant("agents:write"), id);
	}

	@GetMapping("/{id}/versions")
	PageView<AgentView> versions(@PathVariable UUID id, Caller caller, PageQuery page) {
		return this.agents.versions(caller.requireTenant("agents:read"), id, page.page(), page.size());
	}

	@GetMapping("/{id}/versions/{version}")
	AgentView version(@PathVariable UUID id, @PathVariable int version, Caller caller) {
		return this.agents.findVersion(caller.requireTenant("agents:read"), id, version)
			.orElseThrow(() -> ApiException.notFound("agent version", id + "@" + version));
	}

}
