package com.hirebuddha.commons.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Hands out connections that carry the current {@link DbScope}: every checkout sets
 * {@code hb.scope}, {@code hb.tenant_id} and {@code hb.partner_id} for the session (a
 * pooled connection never keeps the previous user's scope), unless the session already
 * carries exactly that scope. A transaction takes its connection when it begins, so the
 * scope is the caller's of that moment.
 */
public class ScopedDataSource extends DelegatingDataSource {

	private static final String SET = "select set_config('hb.scope', ?, false), set_config('hb.tenant_id', ?, false), "
			+ "set_config('hb.partner_id', ?, false)";

	// the scope each pooled session last had set, by the physical connection; weak, so
	// connections the pool retires are forgotten
	private final Map<Connection, DbScope> applied = Collections.synchronizedMap(new WeakHashMap<>());

	public ScopedDataSource(DataSource target) {
		super(target);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return scoped(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return scoped(super.getConnection(username, password));
	}

	private Connection scoped(Connection connection) throws SQLException {
		DbScope scope = DbScope.current();
		try {
			Connection physical = connection.unwrap(Connection.class);
			if (scope.equals(this.applied.get(physical))) {
				// this session already carries the scope: spare the round trip
				return connection;
			}
			try (PreparedStatement statement = connection.prepareStatement(SET)) {
				statement.setString(1, scope.kind());
				statement.setString(2, (scope.tenantId() != null) ? scope.tenantId().toString() : "");
				statement.setString(3, (scope.partnerId() != null) ? scope.partnerId().toString() : "");
				statement.execute();
			}
			// outside a transaction the settings are committed and stay with the session;
			// inside one, a rollback would undo them, so nothing is remembered
			if (connection.getAutoCommit()) {
				this.applied.put(physical, scope);
			}
			else {
				this.applied.remove(physical);
			}
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
		return connection;
	}

}
