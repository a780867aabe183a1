/** The {@code AuthorizationPolicy} kind: who may call which service, method, path and port. */
package dev.trellis.config.authz;
