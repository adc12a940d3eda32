package com.hirebuddha.ingestion.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.blobstore.BlobKey;
import com.hirebuddha.blobstore.BlobStore;
import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.PageView;
import com.hirebuddha.ingestion.knowledgebases.KnowledgeBases;
import com.hirebuddha.ingestion.tenants.TenantProfiles;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes documents in and out. An upload is judged whole before anything is kept: every
 * file is spooled, sized, typed from its content, scanned and counted against the
 * tenant's storage limit; one refusal refuses the request. Then the originals go to the
 * blob store and the rows, with a {@code document.uploaded} event each, are written in
 * one transaction (blobs stored for a transaction that fails are removed again). The
 * pipeline takes it from there.
 */
@Service
@EnableConfigurationProperties(UploadProperties.class)
public class Documents {

	private static final Logger log = LoggerFactory.getLogger(Documents.class);

	private final JdbcClient jdbc;

	private final BlobStore blobs;

	private final KnowledgeBases knowledgeBases;

	private final TenantProfiles tenants;

	private final DocumentTypes types;

	private final ClamdScanner scanner;

	private final EventPublisher events;

	private final UploadProperties limits;

	private final TransactionTemplate transactions;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Clock clock = Clock.systemUTC();

	Documents(JdbcClient jdbc, BlobStore blobs, KnowledgeBases knowledgeBases, TenantProfiles tenants,
			DocumentTypes types, ClamdScanner scanner, EventPublisher events, UploadProperties limits,
			TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.blobs = blobs;
		this.knowledgeBases = knowledgeBases;
		this.tenants = tenants;
		this.types = types;
		this.scanner = scanner;
		this.events = events;
		this.limits = limits;
		this.transactions = transactions;
	}

	/**
	 * Accepts files into a knowledge base.
	 * @param tenantId the caller's tenant
	 * @param knowledgeBaseId where
	 * @param uploads the files
	 * @param metadata attached to every one of them
	 * @return the documents, {@code UPLOADED}
	 */
	public List<DocumentView> accept(UUID tenantId, UUID knowledgeBaseId, List<Upload> uploads,
			Map<String, Object> metadata) {
		if (this.knowledgeBases.find(tenantId, knowledgeBaseId).isEmpty()) {
			throw ApiException.notFound("knowledge base", knowledgeBaseId);
		}
		if (uploads.isEmpty()) {
			throw ApiException.invalidField("file", "at least one file is required");
		}
		if (uploads.size() > this.limits.maxFiles()) {
			throw ApiException.invalidField("file", "at most " + this.limits.maxFiles() + " files per request");
		}
		String metadataJson = metadataJson(metadata);
		List<Spooled> spooled = new ArrayList<>();
		try {
			for (Upload upload : uploads) {
				spooled.add(spool(tenantId, upload));
			}
			requireStorage(tenantId, spooled);
			return store(tenantId, knowledgeBaseId, spooled, metadataJson);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			for (Spooled file : spooled) {
				deleteQuietly(file.path());
			}
		}
	}

	private Spooled spool(UUID tenantId, Upload upload) throws IOException {
		String name = cleanName(upload.name());
		long limit = this.limits.maxFileSize().toBytes();
		Path file = Files.createTempFile("hb-upload-", ".bin");
		try {
			MessageDigest sha256 = sha256();
			long size;
			try (InputStream in = upload.content().open();
					OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
				size = copyAtMost(in, out, limit);
			}
			if (size > limit) {
				throw UploadRefused.tooLarge(name, limit);
			}
			if (size == 0) {
				throw UploadRefused.empty(name);
			}
			String type = this.types.detect(file, name).orElseThrow(() -> UploadRefused.unsupported(name));
			if (DocumentTypes.isText(type) && !DocumentTypes.isUtf8(file)) {
				throw UploadRefused.notUtf8(name);
			}
			this.scanner.scan(file).ifPresent((signature) -> {
				log.warn("refused an infected upload for tenant {}: {}", tenantId, signature);
				throw UploadRefused.infected(name, signature);
			});
			return new Spooled(UUID.randomUUID(), name, file, size, type, HexFormat.of().formatHex(sha256.digest()));
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(file);
			throw ex;
		}
	}

	private void requireStorage(UUID tenantId, List<Spooled> files) {
		this.tenants.limitMb(tenantId).ifPresent((limitMb) -> {
			long used = this.jdbc.sql("select coalesce(sum(size_bytes), 0) from document where tenant_id = :tenant")
				.param("tenant", tenantId)
				.query(Long.class)
				.single();
			long added = files.stream().mapToLong(Spooled::size).sum();
			if (used + added > limitMb * 1024L * 1024L) {
				throw UploadRefused.overStorage(limitMb, used, added);
			}
		});
	}

	private List<DocumentView> store(UUID tenantId, UUID knowledgeBaseId, List<Spooled> files, String metadata)
			throws IOException {
		List<BlobKey> stored = new ArrayList<>();
		try {
			for (Spooled file : files) {
				BlobKey key = BlobKey.of(tenantId, "documents", file.id().toString());
				this.blobs.put(key, file.path(), file.type());
				stored.add(key);
			}
			List<DocumentView> accepted = this.transactions.execute((status) -> {
				Instant now = this.clock.instant();
				List<DocumentView> views = new ArrayList<>();
				for (int i = 0; i < files.size(); i++) {
					Spooled file = files.get(i);
					insert(tenantId, knowledgeBaseId, file, stored.get(i), metadata, now);
					this.events.publish(new DocumentStatusChanged(file.id(), tenantId, knowledgeBaseId, file.name(),
							DocumentStatus.UPLOADED, null, 0, now));
					views.add(find(tenantId, knowledgeBaseId, file.id()));
				}
				return views;
			});
			return Objects.requireNonNull(accepted);
		}
		catch (IOException | RuntimeException ex) {
			for (BlobKey key : stored) {
				try {
					this.blobs.delete(key);
				}
				catch (IOException | RuntimeException cleanup) {
					log.warn("could not remove blob {} of a refused upload: {}", key, cleanup.toString());
				}
			}
			throw ex;
		}
	}

	private void insert(UUID tenantId, UUID knowledgeBaseId, Spooled file, BlobKey key, String metadata, Instant now) {
		this.jdbc
			.sql("""
					insert into document (id, tenant_id, knowledge_base_id, name, media_type, size_bytes, sha256, blob_key,
					                      metadata, status, next_attempt_at, created_at, updated_at)
					values (:id, :tenant, :kb, :name, :type, :size, :sha, :key, :metadata::jsonb, 'UPLOADED', :now, :now, :now)
					""")
			.param("id", file.id())
			.param("tenant", tenantId)
			.param("kb", knowledgeBaseId)
			.param("name", file.name())
			.param("type", file.type())
			.param("size", file.size())
			.param("sha", file.sha256())
			.param("key", key.value())
			.param("metadata", metadata)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * A document of a tenant's knowledge base.
	 * @param tenantId the tenant
	 * @param knowledgeBaseId its knowledge base
	 * @param id the document
	 * @return it
	 * @throws ApiException 404 if the tenant has no such document there
	 */
	@Transactional(readOnly = true)
	public DocumentView find(UUID tenantId, UUID knowledgeBaseId, UUID id) {
		return this.jdbc.sql(DocumentRows.SELECT + "where id = :id and knowledge_base_id = :kb and tenant_id = :tenant")
			.param("id", id)
			.param("kb", knowledgeBaseId)
			.param("tenant", tenantId)
			.query(DocumentRows::view)
			.optional()
			.orElseThrow(() -> ApiException.notFound("document", id));
	}

	@Transactional
	void delete(UUID tenantId, UUID knowledgeBaseId, UUID id) {
		String key = this.jdbc
			.sql("delete from document where id = :id and knowledge_base_id = :kb and tenant_id = :tenant "
					+ "returning blob_key")
			.param("id", id)
			.param("kb", knowledgeBaseId)
			.param("tenant", tenantId)
			.query(String.class)
			.optional()
			.orElseThrow(() -> ApiException.notFound("document", id));
		this.knowledgeBases.deleteBlobsAfterCommit(List.of(key));
	}

	/**
	 * Sends a finished document through the pipeline again, with the knowledge base's
	 * current chunking settings. Chunks whose content and place are unchanged keep their
	 * embeddings; the rest are replaced.
	 */
	@Transactional
	DocumentView reindex(UUID tenantId, UUID knowledgeBaseId, UUID id) {
		DocumentView current = find(tenantId, knowledgeBaseId, id);
		if (!current.status().finished()) {
			throw ApiException.conflict("document-in-progress",
					"Document " + id + " is " + current.status() + "; it can be reindexed once it is READY or FAILED.");
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				update document set status = 'UPLOADED', failure_reason = null, attempts = 0, progress_done = 0,
				       progress_total = 0, progress_unit = 'chunks', lease_owner = null, lease_until = null,
				       next_attempt_at = :now, updated_at = :now, ready_at = null
				where id = :id and tenant_id = :tenant
				""").param("now", Timestamp.from(now)).param("id", id).param("tenant", tenantId).update();
		this.events.publish(new DocumentStatusChanged(id, tenantId, knowledgeBaseId, current.name(),
				DocumentStatus.UPLOADED, null, current.chunks(), now));
		return find(tenantId, knowledgeBaseId, id);
	}

	@Transactional(readOnly = true)
	PageView<DocumentView> list(UUID tenantId, UUID knowledgeBaseId, @Nullable DocumentStatus status, int page,
			int size) {
		if (this.knowledgeBases.find(tenantId, knowledgeBaseId).isEmpty()) {
			throw ApiException.notFound("knowledge base", knowledgeBaseId);
		}
		String where = "where knowledge_base_id = :kb and tenant_id = :tenant"
				+ ((status != null) ? " and status = :status" : "");
		List<DocumentView> items = this.jdbc
			.sql(DocumentRows.SELECT + where + " order by created_at desc, id limit :size offset :offset")
			.param("kb", knowledgeBaseId)
			.param("tenant", tenantId)
			.param("status", (status != null) ? status.name() : "")
			.param("size", size)
			.param("offset", (long) page * size)
			.query(DocumentRows::view)
			.list();
		long total = this.jdbc.sql("select count(*) from document " + where)
			.param("kb", knowledgeBaseId)
			.param("tenant", tenantId)
			.param("status", (status != null) ? status.name() : "")
			.query(Long.class)
			.single();
		return new PageView<>(items, page, size, total);
	}

	private String metadataJson(Map<String, Object> metadata) {
		for (Map.Entry<String, Object> entry : metadata.entrySet()) {
			Object value = entry.getValue();
			if (entry.getKey().isBlank() || entry.getKey().length() > 100
					|| !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
				throw ApiException.invalidField("metadata." + entry.getKey(),
						"metadata maps names of at most 100 characters to strings, numbers or booleans");
			}
		}
		String written = this.json.writeValueAsString(metadata);
		if (written.length() > 4096) {
			throw ApiException.invalidField("metadata", "must be at most 4096 characters as JSON");
		}
		return written;
	}

	// the name as shown: no directories, no control characters, at most 500 characters
	static String cleanName(String name) {
		String base = name.replace('\\', '/');
		base = base.substring(base.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
		if (base.isEmpty()) {
			base = "document";
		}
		return (base.length() > 500) ? base.substring(0, 500) : base;
	}

	private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		int read;
		while ((read = in.read(buffer)) != -1) {
			total += read;
			if (total > limit) {
				return total;
			}
			out.write(buffer, 0, read);
		}
		return total;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("could not delete spooled upload {}: {}", file, ex.toString());
		}
	}

	private record Spooled(UUID id, String name, Path path, long size, String type, String sha256) {
	}

}
