package com.hirebuddha.commons.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Hands out connections that carry the current {@link DbScope}: every checkout sets
 * {@code hb.scope}, {@code hb.tenant_id} and {@code hb.partner_id} for the session (a
 * pooled connection never keeps the previous user's scope). A transaction takes its
 * connection when it begins, so the scope is the caller's of that moment.
 */
public class ScopedDataSource extends DelegatingDataSource {

	private static final String SET = "select set_config('hb.scope', ?, false), set_config('hb.tenant_id', ?, false), "
			+ "set_config('hb.partner_id', ?, false)";

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

	private static Connection scoped(Connection connection) throws SQLException {
		DbScope scope = DbScope.current();
		try (PreparedStatement statement = connection.prepareStatement(SET)) {
			statement.setString(1, scope.kind());
			statement.setString(2, (scope.tenantId() != null) ? scope.tenantId().toString() : "");
			statement.setString(3, (scope.partnerId() != null) ? scope.partnerId().toString() : "");
			statement.execute();
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
		return connection;
	}

}
