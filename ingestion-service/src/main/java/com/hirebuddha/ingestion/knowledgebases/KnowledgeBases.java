package com.hirebuddha.ingestion.knowledgebases;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.hirebuddha.blobstore.BlobKey;
import com.hirebuddha.blobstore.BlobStore;
import com.hirebuddha.commons.jdbc.Rows;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.PageView;
import com.hirebuddha.ingestion.knowledgebases.KnowledgeBaseRequest.Chunking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A tenant's knowledge bases. Every query names the tenant; row-level security is the
 * second wall. Deleting one removes its documents and chunks in the same transaction and
 * their blobs once it has committed.
 */
@Service
public class KnowledgeBases {

	private static final Logger log = LoggerFactory.getLogger(KnowledgeBases.class);

	private static final String SELECT = """
			select k.id, k.tenant_id, k.name, k.description, k.embedding_model, k.chunk_tokens, k.overlap_tokens,
			       k.created_at, k.updated_at,
			       (select count(*) from document d where d.knowledge_base_id = k.id) as documents,
			       (select count(*) from document d where d.knowledge_base_id = k.id and d.status = 'READY') as ready,
			       (select coalesce(sum(d.chunk_count), 0) from document d where d.knowledge_base_id = k.id) as chunks,
			       (select coalesce(sum(d.size_bytes), 0) from document d where d.knowledge_base_id = k.id) as bytes
			from knowledge_base k
			""";

	private final JdbcClient jdbc;

	private final BlobStore blobs;

	private final Clock clock = Clock.systemUTC();

	KnowledgeBases(JdbcClient jdbc, BlobStore blobs) {
		this.jdbc = jdbc;
		this.blobs = blobs;
	}

	@Transactional
	KnowledgeBaseView create(UUID tenantId, KnowledgeBaseRequest request) {
		String name = request.name();
		if (name == null || name.isBlank()) {
			throw ApiException.invalidField("name", "must not be blank");
		}
		Chunking chunking = (request.chunking() != null) ? request.chunking() : Chunking.DEFAULT;
		chunking.requireConsistent();
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("""
				insert into knowledge_base (id, tenant_id, name, description, embedding_model, chunk_tokens,
				                            overlap_tokens, created_at, updated_at)
				values (:id, :tenant, :name, :description, :model, :chunk, :overlap, :now, :now)
				""")
			.param("id", id)
			.param("tenant", tenantId)
			.param("name", name.strip())
			.param("description", (request.description() != null) ? request.description() : "")
			.param("model",
					(request.embeddingModel() != null) ? request.embeddingModel() : EmbeddingModels.MINILM_QUANTIZED)
			.param("chunk", chunking.chunkTokens())
			.param("overlap", chunking.overlapTokens())
			.param("now", now)
			.update();
		return find(tenantId, id).orElseThrow();
	}

	@Transactional
	KnowledgeBaseView update(UUID tenantId, UUID id, KnowledgeBaseRequest request) {
		KnowledgeBaseView current = find(tenantId, id).orElseThrow(() -> ApiException.notFound("knowledge base", id));
		String model = (request.embeddingModel() != null) ? request.embeddingModel() : current.embeddingModel();
		if (!model.equals(current.embeddingModel()) && current.documents() > 0) {
			throw ApiException.conflict("embedding-model-fixed",
					"The embedding model of a knowledge base that holds documents cannot change: its chunks were "
							+ "embedded with " + current.embeddingModel()
							+ ". Create a new knowledge base for the other model.");
		}
		Chunking chunking = (request.chunking() != null) ? request.chunking() : current.chunking();
		chunking.requireConsistent();
		String name = (request.name() != null) ? request.name().strip() : current.name();
		this.jdbc.sql("""
				update knowledge_base set name = :name, description = :description, embedding_model = :model,
				       chunk_tokens = :chunk, overlap_tokens = :overlap, updated_at = :now
				where id = :id and tenant_id = :tenant
				""")
			.param("name", name)
			.param("description", (request.description() != null) ? request.description() : current.description())
			.param("model", model)
			.param("chunk", chunking.chunkTokens())
			.param("overlap", chunking.overlapTokens())
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", id)
			.param("tenant", tenantId)
			.update();
		return find(tenantId, id).orElseThrow();
	}

	@Transactional
	void delete(UUID tenantId, UUID id) {
		List<String> keys = Rows.present(
				this.jdbc.sql("select blob_key from document where knowledge_base_id = :id and tenant_id = :tenant")
					.param("id", id)
					.param("tenant", tenantId)
					.query(String.class)
					.list());
		int deleted = this.jdbc.sql("delete from knowledge_base where id = :id and tenant_id = :tenant")
			.param("id", id)
			.param("tenant", tenantId)
			.update();
		if (deleted == 0) {
			throw ApiException.notFound("knowledge base", id);
		}
		deleteBlobsAfterCommit(keys);
	}

	/**
	 * Removes blobs once the transaction that dropped their rows has committed (a
	 * rollback keeps them). A blob that cannot be removed now is logged; its row is gone,
	 * so nothing reads it again.
	 * @param keys the blobs
	 */
	public void deleteBlobsAfterCommit(Collection<String> keys) {
		if (keys.isEmpty()) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				for (String key : keys) {
					try {
						KnowledgeBases.this.blobs.delete(new BlobKey(key));
					}
					catch (IOException | RuntimeException ex) {
						log.warn("could not delete blob {}: {}", key, ex.toString());
					}
				}
			}
		});
	}

	/**
	 * A tenant's knowledge base.
	 * @param tenantId the tenant
	 * @param id the knowledge base
	 * @return it, if the tenant has it
	 */
	@Transactional(readOnly = true)
	public Optional<KnowledgeBaseView> find(UUID tenantId, UUID id) {
		return this.jdbc.sql(SELECT + "where k.id = :id and k.tenant_id = :tenant")
			.param("id", id)
			.param("tenant", tenantId)
			.query(KnowledgeBases::view)
			.optional();
	}

	/**
	 * Which of the named knowledge bases the tenant has.
	 * @param tenantId the tenant
	 * @param ids the ids a request names
	 * @return those of them the tenant has
	 */
	@Transactional(readOnly = true)
	public List<UUID> known(UUID tenantId, Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return Rows.present(this.jdbc.sql("select id from knowledge_base where tenant_id = :tenant and id in (:ids)")
			.param("tenant", tenantId)
			.param("ids", ids)
			.query(UUID.class)
			.list());
	}

	@Transactional(readOnly = true)
	PageView<KnowledgeBaseView> list(UUID tenantId, int page, int size) {
		List<KnowledgeBaseView> items = this.jdbc
			.sql(SELECT + "where k.tenant_id = :tenant order by k.created_at desc, k.id limit :size offset :offset")
			.param("tenant", tenantId)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(KnowledgeBases::view)
			.list();
		long total = this.jdbc.sql("select count(*) from knowledge_base where tenant_id = :tenant")
			.param("tenant", tenantId)
			.query(Long.class)
			.single();
		return new PageView<>(items, page, size, total);
	}

	private static KnowledgeBaseView view(ResultSet rs, int row) throws SQLException {
		return new KnowledgeBaseView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
				rs.getString("embedding_model"), new Chunking(rs.getInt("chunk_tokens"), rs.getInt("overlap_tokens")),
				rs.getLong("documents"), rs.getLong("ready"), rs.getLong("chunks"), rs.getLong("bytes"),
				instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getTimestamp(column).toInstant();
	}

}
