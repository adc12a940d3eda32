/**
 * What every service's JDBC code shares beyond Spring's {@code JdbcClient}: typed rows,
 * and the history of the event plumbing migrations.
 */
@NullMarked
package com.hirebuddha.commons.jdbc;

import org.jspecify.annotations.NullMarked;
