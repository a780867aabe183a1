/**
 * Byte streams: {@link dev.trellis.proxy.tcp.TcpRelay} joins two channels with backpressure and
 * half-close; tunnels between sidecars start with a {@link dev.trellis.proxy.tcp.TunnelPreface}.
 */
package dev.trellis.proxy.tcp;
