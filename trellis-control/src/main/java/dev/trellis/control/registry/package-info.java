/**
 * The service registry: instances registered by sidecars, kept by heartbeats, removed by
 * deregistration or lease expiry (measured on an injected clock).
 */
package dev.trellis.control.registry;
