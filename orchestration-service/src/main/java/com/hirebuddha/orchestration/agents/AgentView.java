package com.hirebuddha.orchestration.agents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One version of an agent as the API shows it.
 *
 * @param id the agent
 * @param version this version's number, from 1
 * @param name display name
 * @param systemPrompt the persona
 * @param model the model
 * @param knowledgeBaseIds knowledge bases it may search
 * @param tools tools it may call
 * @param createdAt when this version was made
 */
public record AgentView(UUID id, int version, String name, String systemPrompt, AgentRequest.Model model,
		List<UUID> knowledgeBaseIds, List<String> tools, Instant createdAt) {
}
