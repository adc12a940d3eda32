package com.hirebuddha.commons.jdbc;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings a schema migrated before the event plumbing moved to commons up to the shared
 * layout, so Flyway validates it instead of refusing to start.
 * <p>
 * Until then each service's own {@code V1} script created the outbox and inbox tables
 * and, in three services, its first domain objects too. Now
 * {@code V1__event_plumbing.sql} in commons creates the plumbing and those domain objects
 * moved, unchanged, to the service's {@code V1.1}. A schema whose {@code V1} is one of
 * those earlier scripts, recognised by its checksum, already holds both: its history row
 * for {@code V1} is relabelled as the shared script and the {@code V1.1} the earlier
 * script contained is recorded as applied with it, at the rank it would have had. Nothing
 * else is touched: a {@code V1} with any other checksum is left for Flyway's validation
 * to report. See docs/adr/0011-one-copy-of-the-event-plumbing.md.
 */
public final class PlumbingHistory {

	private static final Logger log = LoggerFactory.getLogger(PlumbingHistory.class);

	private static final MigrationVersion FIRST = MigrationVersion.fromVersion("1");

	private static final MigrationVersion SECOND = MigrationVersion.fromVersion("2");

	/** The shared script in commons' {@code db/plumbing}, as Flyway records it. */
	private static final String SHARED_SCRIPT = "V1__event_plumbing.sql";

	private static final String SHARED_DESCRIPTION = "event plumbing";

	/**
	 * The checksum of each service's {@code V1} script as it was before the split (commit
	 * a9a0f22), with the service it belonged to.
	 */
	public static final Map<Integer, String> PRE_SPLIT_V1 = Map.of(-1354310610, "auth-service", -613817474,
			"tenant-service", 524436465, "orchestration-service", -1759035445, "worker-service", 133042106,
			"billing-service", -1397159881, "ingestion-service", 1769649457, "notification-service");

	private PlumbingHistory() {
	}

	/**
	 * Adopts a pre-split history, if this schema has one; a no-op on any other.
	 * @param flyway the service's Flyway, before it migrates
	 * @return whether the history was adopted
	 */
	public static boolean adopt(Flyway flyway) {
		MigrationInfo[] all = flyway.info().all();
		Optional<MigrationInfo> first = Arrays.stream(all).filter((m) -> FIRST.equals(m.getVersion())).findFirst();
		if (first.isEmpty() || !first.get().isApplied() || first.get().getResolvedChecksum() == null
				|| first.get().isChecksumMatching() || !PRE_SPLIT_V1.containsKey(first.get().getAppliedChecksum())) {
			return false;
		}
		MigrationInfo shared = first.get();
		List<MigrationInfo> splitOff = Arrays.stream(all)
			.filter((m) -> m.getVersion() != null && m.getVersion().isNewerThan(FIRST)
					&& SECOND.isNewerThan(m.getVersion()) && !m.isApplied())
			.sorted()
			.toList();
		Configuration config = flyway.getConfiguration();
		DataSource dataSource = config.getDataSource();
		String table = quote(config.getDefaultSchema()) + "." + quote(config.getTable());
		JdbcClient jdbc = JdbcClient.create(dataSource);
		Boolean adopted = new TransactionTemplate(new DataSourceTransactionManager(dataSource)).execute((status) -> {
			// replicas starting together: the first one adopts, the others find it done
			jdbc.sql("lock table " + table + " in exclusive mode").update();
			int relabelled = jdbc
				.sql("update " + table + " set description = :description, script = :script, checksum = :checksum"
						+ " where version = '1' and checksum = :before")
				.param("description", SHARED_DESCRIPTION)
				.param("script", SHARED_SCRIPT)
				.param("checksum", shared.getResolvedChecksum())
				.param("before", shared.getAppliedChecksum())
				.update();
			if (relabelled == 0) {
				return false;
			}
			int rank = jdbc.sql("select installed_rank from " + table + " where version = '1'")
				.query(Integer.class)
				.single();
			// make room after V1, in two steps so no rank is ever held twice
			jdbc.sql("update " + table + " set installed_rank = -(installed_rank + :room) where installed_rank > :rank")
				.param("room", splitOff.size())
				.param("rank", rank)
				.update();
			jdbc.sql("update " + table + " set installed_rank = -installed_rank where installed_rank < 0").update();
			for (int i = 0; i < splitOff.size(); i++) {
				MigrationInfo migration = splitOff.get(i);
				jdbc.sql("insert into " + table + " (installed_rank, version, description, type, script, checksum,"
						+ " installed_by, installed_on, execution_time, success)"
						+ " select :rank, :version, :description, :type, :script, :checksum, installed_by,"
						+ " installed_on, 0, true from " + table + " where version = '1'")
					.param("rank", rank + 1 + i)
					.param("version", String.valueOf(migration.getVersion()))
					.param("description", migration.getDescription())
					.param("type", String.valueOf(migration.getType()))
					.param("script", migration.getScript())
					.param("checksum", migration.getChecksum())
					.update();
			}
			return true;
		});
		if (Boolean.TRUE.equals(adopted)) {
			log.info("Adopted the shared event plumbing: V1 of {} now names {}{}",
					PRE_SPLIT_V1.get(shared.getAppliedChecksum()), SHARED_SCRIPT,
					splitOff.isEmpty() ? "" : "; recorded as applied with it: "
							+ splitOff.stream().map(MigrationInfo::getScript).toList());
		}
		return Boolean.TRUE.equals(adopted);
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}
