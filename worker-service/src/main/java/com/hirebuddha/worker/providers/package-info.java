/**
 * Model providers: the catalog of models a tenant can use, and tenants' own provider
 * keys, encrypted at rest with a rotatable key and never readable back.
 */
@NullMarked
package com.hirebuddha.worker.providers;

import org.jspecify.annotations.NullMarked;
