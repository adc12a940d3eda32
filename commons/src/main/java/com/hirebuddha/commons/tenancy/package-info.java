/**
 * Tenant isolation's second wall: every database connection a service uses carries the
 * caller's scope (tenant, partner, platform) as PostgreSQL settings, and row-level
 * security policies on tenant-owned tables admit only the caller's rows — even to a query
 * that forgot its tenant filter. docs/isolation.md explains the policies.
 */
@NullMarked
package com.hirebuddha.commons.tenancy;

import org.jspecify.annotations.NullMarked;
