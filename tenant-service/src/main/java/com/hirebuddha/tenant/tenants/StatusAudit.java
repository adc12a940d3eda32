package com.hirebuddha.tenant.tenants;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit trail of status changes (who, when, why), written in the change's
 * transaction.
 */
@Component
public class StatusAudit {

	private final JdbcClient jdbc;

	StatusAudit(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records one change.
	 * @param type {@code TENANT} or {@code PARTNER}
	 * @param id the organization
	 * @param from the status before
	 * @param to the status after
	 * @param code why, as a code
	 * @param reason why, in the admin's words
	 * @param actor who (the token's subject)
	 * @param at when
	 */
	public void record(String type, UUID id, String from, String to, ReasonCode code, @Nullable String reason,
			String actor, Instant at) {
		this.jdbc.sql("""
				insert into organization_status_change
				  (org_type, org_id, from_status, to_status, reason_code, reason, actor, changed_at)
				values (:type, :id, :from, :to, :code, :reason, :actor, :at)
				""")
			.param("type", type)
			.param("id", id)
			.param("from", from)
			.param("to", to)
			.param("code", code.name())
			.param("reason", reason)
			.param("actor", actor)
			.param("at", java.sql.Timestamp.from(at))
			.update();
	}

	/**
	 * The changes of one organization, newest first.
	 * @param id the organization
	 * @return its changes
	 */
	public List<StatusChangeView> history(UUID id) {
		return this.jdbc.sql(
				"select from_status, to_status, reason_code, reason, actor, changed_at from organization_status_change "
						+ "where org_id = :id order by changed_at desc, id desc")
			.param("id", id)
			.query((rs, n) -> new StatusChangeView(rs.getString("from_status"), rs.getString("to_status"),
					rs.getString("reason_code"), rs.getString("reason"), rs.getString("actor"),
					rs.getTimestamp("changed_at").toInstant()))
			.list();
	}

	/**
	 * One audited status change.
	 *
	 * @param from the status before
	 * @param to the status after
	 * @param reasonCode why, as a code
	 * @param reason why, in the admin's words
	 * @param actor who
	 * @param changedAt when
	 */
	public record StatusChangeView(String from, String to, String reasonCode, @Nullable String reason, String actor,
			Instant changedAt) {
	}

}
