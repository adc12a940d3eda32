package com.hirebuddha.ingestion.documents;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.hirebuddha.commons.events.Event;
import com.hirebuddha.commons.events.Topics;
import org.jspecify.annotations.Nullable;

/**
 * The payload of {@code hirebuddha.document.<status>.v1} on {@code document.events},
 * keyed by document id (so one document's changes keep their order): a document entered a
 * status. Published in the transaction that changed it.
 *
 * @param documentId the document
 * @param tenantId its tenant
 * @param knowledgeBaseId its knowledge base
 * @param name its name
 * @param status the status it entered
 * @param reason why it failed, for {@code FAILED}
 * @param chunks its chunks, once known
 * @param changedAt when
 */
public record DocumentStatusChanged(UUID documentId, UUID tenantId, UUID knowledgeBaseId, String name,
		DocumentStatus status, @Nullable String reason, int chunks, Instant changedAt) implements Event {

	@Override
	public String topic() {
		return Topics.DOCUMENT_EVENTS;
	}

	@Override
	public String key() {
		return this.documentId.toString();
	}

	@Override
	public String type() {
		return type(this.status);
	}

	@Override
	public UUID tenant() {
		return this.tenantId;
	}

	/**
	 * The event type of entering a status.
	 * @param status the status
	 * @return for example {@code hirebuddha.document.ready.v1}
	 */
	public static String type(DocumentStatus status) {
		return "hirebuddha.document." + status.name().toLowerCase(Locale.ROOT) + ".v1";
	}

}
