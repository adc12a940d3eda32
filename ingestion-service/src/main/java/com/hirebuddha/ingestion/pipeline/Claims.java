package com.hirebuddha.ingestion.pipeline;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.ingestion.documents.DocumentStatus;
import com.hirebuddha.ingestion.documents.DocumentStatusChanged;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pipeline's leases on documents. A claim takes the pending document whose tenant has
 * waited longest since its last claim ({@code ingestion_turn}), so one tenant's thousand
 * files take turns with another's single one; {@code for update skip locked} lets
 * replicas claim side by side without ever taking the same document. Every later write
 * names the lease's owner, so an instance that lost its lease changes nothing. Each
 * change of status publishes its {@code document.events} in the same transaction.
 */
@Component
class Claims {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final EventPublisher events;

	private final PipelineProperties properties;

	private final Clock clock = Clock.systemUTC();

	Claims(JdbcClient jdbc, TransactionTemplate transactions, EventPublisher events, PipelineProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.events = events;
		this.properties = properties;
	}

	/**
	 * Takes the next document, fairly across tenants.
	 * @param owner this instance
	 * @return the claim, empty if nothing is pending
	 */
	Optional<Claim> next(String owner) {
		return Optional.ofNullable(this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			Optional<Claim> claim = this.jdbc.sql("""
					with next as (
					    select d.id from document d left join ingestion_turn t on t.tenant_id = d.tenant_id
					    where d.status not in ('READY', 'FAILED') and d.next_attempt_at <= :now
					      and (d.lease_until is null or d.lease_until < :now)
					    order by t.last_claimed_at nulls first, d.created_at, d.id
					    limit 1
					    for update of d skip locked)
					update document d set lease_owner = :owner, lease_until = :until, attempts = d.attempts + 1,
					       updated_at = :now
					from next, knowledge_base k
					where d.id = next.id and k.id = d.knowledge_base_id
					returning d.id, d.tenant_id, d.knowledge_base_id, d.name, d.media_type, d.blob_key, d.status,
					          d.attempts, d.failure_reason, k.embedding_model, k.chunk_tokens, k.overlap_tokens
					""")
				.param("now", Timestamp.from(now))
				.param("owner", owner)
				.param("until", Timestamp.from(now.plus(this.properties.lease())))
				.query((rs, row) -> new Claim(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
						rs.getObject("knowledge_base_id", UUID.class), rs.getString("name"), rs.getString("media_type"),
						rs.getString("blob_key"), DocumentStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
						rs.getString("failure_reason"), rs.getString("embedding_model"), rs.getInt("chunk_tokens"),
						rs.getInt("overlap_tokens")))
				.optional();
			claim.ifPresent((taken) -> this.jdbc.sql("""
					insert into ingestion_turn (tenant_id, last_claimed_at) values (:tenant, :now)
					on conflict (tenant_id) do update set last_claimed_at = excluded.last_claimed_at
					""").param("tenant", taken.tenantId()).param("now", Timestamp.from(now)).update());
			return claim.orElse(null);
		}));
	}

	/**
	 * Extends the leases this instance holds.
	 * @param owner this instance
	 * @param documents the documents it works on
	 * @return how many leases were extended
	 */
	int renew(String owner, Collection<UUID> documents) {
		if (documents.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql("update document set lease_until = :until where id in (:ids) and lease_owner = :owner")
			.param("until", Timestamp.from(this.clock.instant().plus(this.properties.lease())))
			.param("ids", documents)
			.param("owner", owner)
			.update();
	}

	/**
	 * Moves a claimed document into a stage.
	 * @param claim the claim
	 * @param owner this instance
	 * @param status the stage
	 * @param unit what its progress counts
	 * @throws LeaseLost if another instance holds the document now, or it was deleted
	 */
	void enter(Claim claim, String owner, DocumentStatus status, String unit) {
		this.transactions.executeWithoutResult((tx) -> {
			Instant now = this.clock.instant();
			int updated = this.jdbc.sql("""
					update document set status = :status, progress_unit = :unit, updated_at = :now
					where id = :id and lease_owner = :owner and status <> :status
					""")
				.param("status", status.name())
				.param("unit", unit)
				.param("now", Timestamp.from(now))
				.param("id", claim.documentId())
				.param("owner", owner)
				.update();
			if (updated == 1) {
				publish(claim, status, null, now);
			}
			else {
				requireLease(claim, owner);
			}
		});
	}

	/**
	 * Records a stage's progress.
	 * @param claim the claim
	 * @param owner this instance
	 * @param done units done
	 * @param total units in all
	 * @throws LeaseLost if the lease is gone
	 */
	void progress(Claim claim, String owner, int done, int total) {
		int updated = this.jdbc.sql("""
				update document set progress_done = :done, progress_total = :total, updated_at = :now
				where id = :id and lease_owner = :owner
				""")
			.param("done", done)
			.param("total", total)
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", claim.documentId())
			.param("owner", owner)
			.update();
		if (updated == 0) {
			throw new LeaseLost(claim.documentId());
		}
	}

	/**
	 * Ends a document READY and lets its lease go.
	 * @param claim the claim
	 * @param owner this instance
	 */
	void ready(Claim claim, String owner) {
		this.transactions.executeWithoutResult((tx) -> {
			Instant now = this.clock.instant();
			int updated = this.jdbc.sql("""
					update document set status = 'READY', failure_reason = null, ready_at = :now, updated_at = :now,
					       lease_owner = null, lease_until = null
					where id = :id and lease_owner = :owner
					""")
				.param("now", Timestamp.from(now))
				.param("id", claim.documentId())
				.param("owner", owner)
				.update();
			if (updated == 0) {
				throw new LeaseLost(claim.documentId());
			}
			publish(claim, DocumentStatus.READY, null, now);
		});
	}

	/**
	 * Ends a document FAILED with its reason.
	 * @param claim the claim
	 * @param owner this instance
	 * @param reason why, for the uploader
	 */
	void fail(Claim claim, String owner, String reason) {
		this.transactions.executeWithoutResult((tx) -> {
			Instant now = this.clock.instant();
			int updated = this.jdbc.sql("""
					update document set status = 'FAILED', failure_reason = :reason, updated_at = :now,
					       lease_owner = null, lease_until = null
					where id = :id and lease_owner = :owner
					""")
				.param("reason", reason)
				.param("now", Timestamp.from(now))
				.param("id", claim.documentId())
				.param("owner", owner)
				.update();
			if (updated == 1) {
				publish(claim, DocumentStatus.FAILED, reason, now);
			}
		});
	}

	/**
	 * Gives a claim back after an attempt failed for a reason that may pass: it is taken
	 * again after a backoff, in the stage it reached, or fails for good once it is out of
	 * attempts.
	 * @param claim the claim
	 * @param owner this instance
	 * @param error what went wrong
	 */
	void retryLater(Claim claim, String owner, String error) {
		if (claim.attempts() >= this.properties.maxAttempts()) {
			fail(claim, owner, gaveUp(claim.attempts(), error));
			return;
		}
		Duration backoff = this.properties.retryBackoff().multipliedBy(1L << Math.min(10, claim.attempts() - 1));
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				update document set failure_reason = :error, next_attempt_at = :next, updated_at = :now,
				       lease_owner = null, lease_until = null
				where id = :id and lease_owner = :owner
				""")
			.param("error", "attempt " + claim.attempts() + " failed: " + error)
			.param("next", Timestamp.from(now.plus(backoff)))
			.param("now", Timestamp.from(now))
			.param("id", claim.documentId())
			.param("owner", owner)
			.update();
	}

	/**
	 * Fails, for good, documents out of attempts whose last lease ran out (the instance
	 * working on them died each time): the watchdog's sweep.
	 * @return the documents failed
	 */
	List<UUID> failAbandoned() {
		List<UUID> failed = this.transactions.execute((tx) -> {
			Instant now = this.clock.instant();
			List<Claim> abandoned = this.jdbc.sql("""
					select d.id, d.tenant_id, d.knowledge_base_id, d.name, d.media_type, d.blob_key, d.status,
					       d.attempts, d.failure_reason, k.embedding_model, k.chunk_tokens, k.overlap_tokens
					from document d join knowledge_base k on k.id = d.knowledge_base_id
					where d.status not in ('READY', 'FAILED') and d.attempts >= :max and d.lease_until < :now
					order by d.lease_until limit 100
					for update of d skip locked
					""")
				.param("max", this.properties.maxAttempts())
				.param("now", Timestamp.from(now))
				.query((rs, row) -> new Claim(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
						rs.getObject("knowledge_base_id", UUID.class), rs.getString("name"), rs.getString("media_type"),
						rs.getString("blob_key"), DocumentStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
						rs.getString("failure_reason"), rs.getString("embedding_model"), rs.getInt("chunk_tokens"),
						rs.getInt("overlap_tokens")))
				.list();
			for (Claim claim : abandoned) {
				String reason = gaveUp(claim.attempts(),
						"the instance working on it stopped before it finished (in " + claim.status() + ")");
				this.jdbc.sql("""
						update document set status = 'FAILED', failure_reason = :reason, updated_at = :now,
						       lease_owner = null, lease_until = null
						where id = :id
						""")
					.param("reason", reason)
					.param("now", Timestamp.from(now))
					.param("id", claim.documentId())
					.update();
				publish(claim, DocumentStatus.FAILED, reason, now);
			}
			return abandoned.stream().map(Claim::documentId).toList();
		});
		return (failed != null) ? failed : List.of();
	}

	/**
	 * A document claimed more often than it may be fails at once.
	 * @param claim the claim just taken
	 * @return true if it was out of attempts and is now FAILED
	 */
	boolean outOfAttempts(Claim claim, String owner) {
		if (claim.attempts() <= this.properties.maxAttempts()) {
			return false;
		}
		String last = (claim.lastFailure() != null) ? claim.lastFailure()
				: "the instance working on it stopped before it finished (in " + claim.status() + ")";
		fail(claim, owner, gaveUp(claim.attempts() - 1, last));
		return true;
	}

	private static String gaveUp(int attempts, String last) {
		return "gave up after " + attempts + " attempt" + ((attempts == 1) ? "" : "s") + "; the last: " + last;
	}

	private void requireLease(Claim claim, String owner) {
		Integer held = this.jdbc.sql("select count(*) from document where id = :id and lease_owner = :owner")
			.param("id", claim.documentId())
			.param("owner", owner)
			.query(Integer.class)
			.single();
		if (held == 0) {
			throw new LeaseLost(claim.documentId());
		}
	}

	private void publish(Claim claim, DocumentStatus status, @Nullable String reason, Instant now) {
		Integer chunks = this.jdbc.sql("select chunk_count from document where id = :id")
			.param("id", claim.documentId())
			.query(Integer.class)
			.optional()
			.orElse(0);
		this.events.publish(new DocumentStatusChanged(claim.documentId(), claim.tenantId(), claim.knowledgeBaseId(),
				claim.name(), status, reason, chunks, now));
	}

	/**
	 * The document is no longer this instance's: another holds it, or it was deleted.
	 */
	static final class LeaseLost extends RuntimeException {

		LeaseLost(UUID documentId) {
			super("lost the lease of document " + documentId, null, false, false);
		}

	}

}
