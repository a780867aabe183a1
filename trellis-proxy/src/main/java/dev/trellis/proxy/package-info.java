/**
 * The sidecar proxy's data path. {@link dev.trellis.proxy.SidecarProxy} binds the listeners and
 * holds the current {@code ProxyState} (mesh view plus the request chains built over it) in an
 * {@code AtomicReference}; everything else lives in feature packages:
 *
 * <pre>
 *   mesh       what the proxy knows of the mesh: services, ports, balancers (immutable view)
 *   control    the link to the control plane: registration, snapshot watch and translation
 *   admin      the admin port: /ready, /live, /config, /endpoints, /metrics
 *   metrics    the request metrics stage and the metric families /metrics exposes
 *   http       the exchange (one streamed request/response), the bridge handler, h2 server setup
 *   outbound   listeners the application calls and the outbound chain: resolve, balance, forward
 *   inbound    the listener peer sidecars call and the inbound chain: local target, deliver
 *   pool       HTTP/2 and HTTP/1.1 connection pools, per event loop
 *   tcp        byte relays and tunnels (opaque TCP, HTTP/1.1 upgrades)
 *   security   the one seam where transport security (mTLS) joins connections
 *   transport  epoll or NIO
 *   balance    load balancers (their own package-info)
 * </pre>
 *
 * <p>Between sidecars: HTTP is multiplexed HTTP/2 (h2c prior knowledge today, mTLS behind {@link
 * dev.trellis.proxy.security.PeerSecurity}) carrying {@code x-trellis-dst: service.namespace:port};
 * opaque TCP and upgrades open a connection that starts with a {@link
 * dev.trellis.proxy.tcp.TunnelPreface} line. The inbound listener tells them apart by the first
 * bytes, which the connecting side always sends at once. The endpoint address a sidecar registers
 * is its inbound listener's.
 */
package dev.trellis.proxy;
