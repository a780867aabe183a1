/**
 * The caller's side: the outbound HTTP listener (HTTP_PROXY or Host-routed), the upstream ports
 * ({@code --upstream catalog:9001}: HTTP/1.1, h2c or TCP by the service's declared protocol), and
 * the outbound chain assembled in {@link dev.trellis.proxy.outbound.OutboundStack}.
 */
package dev.trellis.proxy.outbound;
