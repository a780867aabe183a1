package dev.trellis.proxy.pool;

import dev.trellis.proxy.security.PeerSecurity;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every connection pool of one proxy, kept per event loop so that an upstream connection always
 * lives on the event loop of the downstream channel that uses it.
 *
 * <p>Threading: {@link #http2} and {@link #http1} must be called on {@code loop}; the per-loop maps
 * are touched only by their own loop, so lookups take no lock.
 */
public final class EndpointPools {
  private final PoolSettings settings;
  private final PeerSecurity security;
  private final ConcurrentHashMap<EventLoop, LoopPools> loops = new ConcurrentHashMap<>();

  public EndpointPools(PoolSettings settings, PeerSecurity security) {
    this.settings = settings;
    this.security = security;
  }

  public PoolSettings settings() {
    return settings;
  }

  /**
   * The HTTP/2 pool of {@code loop} to {@code address}; {@code secure} says whether the peer is a
   * sidecar (transport security applies) or the local application (loopback, plaintext).
   */
  public Http2ConnectionPool http2(EventLoop loop, InetSocketAddress address, boolean secure) {
    LoopPools pools = loops.computeIfAbsent(loop, l -> new LoopPools());
    Map<InetSocketAddress, Http2ConnectionPool> map = secure ? pools.peers : pools.localHttp2;
    Http2ConnectionPool pool = map.get(address);
    if (pool == null) {
      PeerSecurity s = secure ? security : PeerSecurity.PLAINTEXT;
      // A pool whose last connection closed is dropped, so removed endpoints leave nothing behind.
      Runnable forget = () -> map.values().removeIf(p -> p.address().equals(address) && p.connectionCount() == 0);
      pool = new Http2ConnectionPool(loop, address, settings, s, forget);
      map.put(address, pool);
    }
    return pool;
  }

  /** The HTTP/1.1 pool of {@code loop} to the local application at {@code address}. */
  public Http1ConnectionPool http1(EventLoop loop, InetSocketAddress address) {
    LoopPools pools = loops.computeIfAbsent(loop, l -> new LoopPools());
    return pools.localHttp1.computeIfAbsent(address, a -> new Http1ConnectionPool(loop, a, settings));
  }

  /** The security applied to connections to peer sidecars. */
  public PeerSecurity security() {
    return security;
  }

  private static final class LoopPools {
    final Map<InetSocketAddress, Http2ConnectionPool> peers = new HashMap<>();
    final Map<InetSocketAddress, Http2ConnectionPool> localHttp2 = new HashMap<>();
    final Map<InetSocketAddress, Http1ConnectionPool> localHttp1 = new HashMap<>();
  }
}
