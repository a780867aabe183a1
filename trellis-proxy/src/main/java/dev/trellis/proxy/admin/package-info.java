/**
 * The sidecar's admin port: {@code /live}, {@code /ready}, {@code /config}, {@code /endpoints} and
 * {@code /metrics} on loopback, one small route class per path, served by {@link
 * dev.trellis.proxy.admin.AdminServer} on an event loop of its own.
 */
package dev.trellis.proxy.admin;
