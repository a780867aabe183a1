package dev.trellis.proxy.outbound;

import dev.trellis.proxy.balance.Endpoint;
import dev.trellis.proxy.http.HttpExchange;
import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.http.ProxyError;
import dev.trellis.proxy.http.UpstreamLease;
import dev.trellis.proxy.mesh.ServiceView;
import dev.trellis.proxy.pool.EndpointPools;
import dev.trellis.proxy.tcp.TunnelConnector;
import dev.trellis.proxy.tcp.TunnelPreface;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;

/**
 * The last outbound stage: sends the exchange to the picked endpoint's sidecar, as a stream of
 * the endpoint's multiplexed HTTP/2 pool on this event loop, or, for an HTTP/1.1 upgrade, through
 * a byte tunnel. Names the destination service port in {@value #DESTINATION_HEADER} so the peer's
 * inbound side knows which local port to deliver to.
 *
 * <p>A failed connection is reported with {@link HttpExchange#connectFailed}: 502 when the sidecar
 * refuses it, 504 when connecting times out, unless a retry stage above tries elsewhere.
 */
public final class PeerForwarder implements HttpService {
  /** The header naming {@code service.namespace:port} between sidecars; removed by inbound. */
  public static final String DESTINATION_HEADER = "x-trellis-dst";

  /** {@value #DESTINATION_HEADER} as header maps look names up fastest (its hash is kept). */
  public static final AsciiString DESTINATION_HEADER_NAME = AsciiString.cached(DESTINATION_HEADER);

  private final EndpointPools pools;
  private final TunnelConnector tunnels;

  PeerForwarder(EndpointPools pools, TunnelConnector tunnels) {
    this.pools = pools;
    this.tunnels = tunnels;
  }

  @Override
  public void serve(HttpExchange exchange) {
    ServiceView service = exchange.service();
    Endpoint endpoint = exchange.endpoint();
    int port = exchange.servicePort().port();
    InetSocketAddress address = service.addressOf(endpoint);
    String name = service.key().displayName();
    if (exchange.isUpgrade()) {
      tunnels
          .tunnel(exchange.eventLoop(), address, new TunnelPreface(service.key().hostName(), port))
          .addListener(
              (Future<Channel> f) -> {
                if (f.isSuccess()) {
                  exchange.tunnel(f.getNow());
                } else {
                  exchange.connectFailed(connectError(name, address, f.cause()));
                }
              });
      return;
    }
    exchange.request().headers().set(DESTINATION_HEADER_NAME, service.key().hostName() + ":" + port);
    pools
        .http2(exchange.eventLoop(), address, true)
        .openStream()
        .addListener(
            (Future<Http2StreamChannel> f) -> {
              if (f.isSuccess()) {
                exchange.forward(f.getNow(), UpstreamLease.STREAM);
              } else {
                exchange.connectFailed(connectError(name, address, f.cause()));
              }
            });
  }

  private ProxyError connectError(String service, InetSocketAddress address, Throwable cause) {
    return ProxyError.connectFailed(
        "upstream", service, address, pools.settings().connectTimeout(), cause);
  }
}
