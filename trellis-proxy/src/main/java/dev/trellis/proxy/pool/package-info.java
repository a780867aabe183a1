/**
 * Connection pools, one set per event loop so that an upstream connection always shares the
 * downstream's thread: multiplexed HTTP/2 to peer sidecars and h2c apps, keep-alive HTTP/1.1 to
 * HTTP/1.1 apps, both with connect timeouts and idle expiry.
 */
package dev.trellis.proxy.pool;
