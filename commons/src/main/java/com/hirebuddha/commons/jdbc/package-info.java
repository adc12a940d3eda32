/**
 * What every service's JDBC code shares beyond Spring's {@code JdbcClient}.
 */
@NullMarked
package com.hirebuddha.commons.jdbc;

import org.jspecify.annotations.NullMarked;
