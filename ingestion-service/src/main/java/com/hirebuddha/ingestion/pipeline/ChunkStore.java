package com.hirebuddha.ingestion.pipeline;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.jdbc.Rows;
import com.hirebuddha.ingestion.embedding.EmbeddingUsage;
import com.hirebuddha.ingestion.embedding.Embeddings;
import com.hirebuddha.ingestion.embedding.Vectors;
import com.hirebuddha.ingestion.tenants.TenantProfiles;
import com.hirebuddha.ingestion.text.ChunkDraft;
import com.hirebuddha.ingestion.text.Lexemes;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A claimed document's chunks: stored keyed by content (a chunk cut again finds its row,
 * vector included; rows the new cut no longer has are removed), then embedded a batch at
 * a time, each batch's vectors, progress and {@code usage.recorded} in one transaction.
 */
@Component
class ChunkStore {

	/** Separates the headings of a path in the array parameter. */
	private static final String PATH_SEPARATOR = "\u001f";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Embeddings embeddings;

	private final TenantProfiles tenants;

	private final EventPublisher events;

	private final Clock clock = Clock.systemUTC();

	ChunkStore(JdbcClient jdbc, TransactionTemplate transactions, Embeddings embeddings, TenantProfiles tenants,
			EventPublisher events) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.embeddings = embeddings;
		this.tenants = tenants;
		this.events = events;
	}

	int countTokens(String model, String text) {
		return this.embeddings.countTokens(model, text);
	}

	void recordPages(Claim claim, String owner, @Nullable Integer pages) {
		int updated = this.jdbc.sql("""
				update document set pages = :pages, progress_done = coalesce(:pages, 0),
				       progress_total = coalesce(:pages, 0), updated_at = :now
				where id = :id and lease_owner = :owner
				""")
			.param("pages", pages)
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", claim.documentId())
			.param("owner", owner)
			.update();
		if (updated == 0) {
			throw new Claims.LeaseLost(claim.documentId());
		}
	}

	/**
	 * Stores a document's chunks as cut now.
	 * @return how many of them already have a vector
	 */
	int store(Claim claim, String owner, List<ChunkDraft> drafts) {
		Integer embedded = this.transactions.execute((tx) -> {
			boolean held = this.jdbc.sql("select id from document where id = :id and lease_owner = :owner for update")
				.param("id", claim.documentId())
				.param("owner", owner)
				.query(UUID.class)
				.optional()
				.isPresent();
			if (!held) {
				throw new Claims.LeaseLost(claim.documentId());
			}
			String[] keys = drafts.stream().map(ChunkDraft::key).toArray(String[]::new);
			this.jdbc
				.sql("""
						insert into chunk (id, tenant_id, knowledge_base_id, document_id, content_key, ordinal, content, page,
						                   heading_path, start_offset, end_offset, token_count, lexemes, created_at)
						select gen_random_uuid(), :tenant, :kb, :document, u.k, u.o, u.c, u.p,
						       case when u.h = '' then '{}'::text[] else string_to_array(u.h, :separator) end,
						       u.s, u.e, u.t, to_tsvector('simple', u.l), :now
						from unnest(:keys::text[], :ordinals::int[], :contents::text[], :pages::int[], :headings::text[],
						            :starts::int[], :ends::int[], :tokens::int[], :lexemes::text[])
						     as u(k, o, c, p, h, s, e, t, l)
						on conflict (document_id, content_key) do update
						set ordinal = excluded.ordinal, page = excluded.page, heading_path = excluded.heading_path
						""")
				.param("tenant", claim.tenantId())
				.param("kb", claim.knowledgeBaseId())
				.param("document", claim.documentId())
				.param("separator", PATH_SEPARATOR)
				.param("now", Timestamp.from(this.clock.instant()))
				.param("keys", keys)
				.param("ordinals", drafts.stream().map(ChunkDraft::ordinal).toArray(Integer[]::new))
				.param("contents", drafts.stream().map(ChunkDraft::content).toArray(String[]::new))
				.param("pages", drafts.stream().map(ChunkDraft::page).toArray(Integer[]::new))
				.param("headings",
						drafts.stream().map((d) -> String.join(PATH_SEPARATOR, d.headingPath())).toArray(String[]::new))
				.param("starts", drafts.stream().map(ChunkDraft::start).toArray(Integer[]::new))
				.param("ends", drafts.stream().map(ChunkDraft::end).toArray(Integer[]::new))
				.param("tokens", drafts.stream().map(ChunkDraft::tokens).toArray(Integer[]::new))
				.param("lexemes", drafts.stream().map((d) -> Lexemes.document(d.content())).toArray(String[]::new))
				.update();
			this.jdbc.sql("delete from chunk where document_id = :document and content_key <> all(:keys::text[])")
				.param("document", claim.documentId())
				.param("keys", keys)
				.update();
			this.jdbc.sql("update document set chunk_count = :count where id = :id")
				.param("count", drafts.size())
				.param("id", claim.documentId())
				.update();
			return this.jdbc
				.sql("select count(*)::int from chunk where document_id = :document and embedding is not null")
				.param("document", claim.documentId())
				.query(Integer.class)
				.single();
		});
		return (embedded != null) ? embedded : 0;
	}

	/**
	 * Embeds the next chunks without a vector.
	 * @return true if there may be more
	 */
	/**
	 * The partner a claim's usage events name, read once per claim.
	 */
	@Nullable UUID partnerOf(Claim claim) {
		return this.tenants.partner(claim.tenantId()).orElse(null);
	}

	boolean embedNextBatch(Claim claim, String owner, @Nullable UUID partner, int batch, int total) {
		List<Pending> pending = Rows.present(this.jdbc.sql("""
				select id, content_key, content from chunk where document_id = :document and embedding is null
				order by ordinal limit :batch
				""").param("document", claim.documentId()).param("batch", batch).query(Pending.class).list());
		if (pending.isEmpty()) {
			return false;
		}
		long started = System.nanoTime();
		Embeddings.Embedded embedded = this.embeddings.embed(claim.embeddingModel(),
				pending.stream().map(Pending::content).toList());
		long latencyMs = (System.nanoTime() - started) / 1_000_000;
		this.transactions.executeWithoutResult((tx) -> {
			Instant now = this.clock.instant();
			int written = this.jdbc.sql("""
					update chunk c set embedding = u.v::vector
					from unnest(:ids::uuid[], :vectors::text[]) as u(id, v)
					where c.id = u.id and c.embedding is null
					""")
				.param("ids", pending.stream().map(Pending::id).toArray(UUID[]::new))
				.param("vectors", embedded.vectors().stream().map(Vectors::literal).toArray(String[]::new))
				.update();
			int done = this.jdbc
				.sql("select count(*)::int from chunk where document_id = :document and embedding is not null")
				.param("document", claim.documentId())
				.query(Integer.class)
				.single();
			int updated = this.jdbc.sql("""
					update document set progress_done = :done, progress_total = :total,
					       embedding_tokens = embedding_tokens + :tokens, updated_at = :now
					where id = :id and lease_owner = :owner
					""")
				.param("done", done)
				.param("total", total)
				.param("tokens", (written > 0) ? embedded.tokens() : 0)
				.param("now", Timestamp.from(now))
				.param("id", claim.documentId())
				.param("owner", owner)
				.update();
			if (updated == 0) {
				// rolls the vectors back too: the holder of the lease embeds them
				throw new Claims.LeaseLost(claim.documentId());
			}
			if (written > 0) {
				this.events.publish(usageId(claim, pending),
						EmbeddingUsage.of(claim.tenantId(), partner, claim.knowledgeBaseId(), claim.documentId(),
								claim.embeddingModel(), embedded.tokens(), written, latencyMs, now));
			}
		});
		return pending.size() == batch;
	}

	// the same chunks embedded are the same usage, however often a batch is retried
	private static UUID usageId(Claim claim, List<Pending> batch) {
		StringBuilder name = new StringBuilder("embedding:").append(claim.documentId());
		for (Pending chunk : batch) {
			name.append(':').append(chunk.contentKey());
		}
		return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
	}

	record Pending(UUID id, String contentKey, String content) {
	}

}
