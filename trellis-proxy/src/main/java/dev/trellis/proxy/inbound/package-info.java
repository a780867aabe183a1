/**
 * The callee's side: the inbound listener peer sidecars connect to (HTTP/2 or a byte tunnel,
 * chosen from the first bytes) and the inbound chain assembled in {@link
 * dev.trellis.proxy.inbound.InboundStack}, which delivers to the local application on loopback.
 */
package dev.trellis.proxy.inbound;
