package dev.trellis.proxy.inbound;

import dev.trellis.proxy.http.HttpExchange;
import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.http.ProxyError;
import dev.trellis.proxy.http.UpstreamLease;
import dev.trellis.proxy.pool.EndpointPools;
import dev.trellis.proxy.pool.Http1ConnectionPool;
import dev.trellis.proxy.pool.PoolExhaustedException;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last inbound stage: delivers the exchange to the local application on loopback, speaking
 * what the application declared: HTTP/1.1 over a keep-alive pool for {@code http}, h2c streams
 * for {@code http2} and {@code grpc}.
 *
 * <p>Answers 502 "local app connect refused: catalog 127.0.0.1:8080" when the application does
 * not accept the connection (the caller's sidecar relays that answer as it is).
 */
final class LocalAppForwarder implements HttpService {
  private final LocalApp app;
  private final EndpointPools pools;
  /** Per service port: where the app listens and how errors name it, made once, not per request. */
  private final Map<Integer, AppTarget> targets = new ConcurrentHashMap<>();

  LocalAppForwarder(LocalApp app, EndpointPools pools) {
    this.app = app;
    this.pools = pools;
  }

  @Override
  public void serve(HttpExchange exchange) {
    AppTarget target = targets.computeIfAbsent(exchange.servicePort().port(), this::targetOf);
    InetSocketAddress address = target.address();
    exchange.target(target.description());
    if (exchange.servicePort().protocol().speaksHttp2()) {
      pools
          .http2(exchange.eventLoop(), address, false)
          .openStream()
          .addListener(
              (Future<Http2StreamChannel> f) -> {
                if (f.isSuccess()) {
                  exchange.forward(f.getNow(), UpstreamLease.STREAM);
                } else {
                  exchange.fail(connectError(address, f.cause()));
                }
              });
      return;
    }
    Http1ConnectionPool pool = pools.http1(exchange.eventLoop(), address);
    pool.acquire()
        .addListener(
            (Future<Channel> f) -> {
              if (f.isSuccess()) {
                exchange.forward(f.getNow(), pool::release);
              } else {
                exchange.fail(connectError(address, f.cause()));
              }
            });
  }

  private AppTarget targetOf(int servicePort) {
    int appPort = app.appPort(servicePort);
    return new AppTarget(
        new InetSocketAddress("127.0.0.1", appPort),
        "local app " + app.service().displayName() + " 127.0.0.1:" + appPort);
  }

  private record AppTarget(InetSocketAddress address, String description) {}

  private ProxyError connectError(InetSocketAddress address, Throwable cause) {
    if (cause instanceof PoolExhaustedException full) {
      return new ProxyError(
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          "local app pool full: " + app.service().displayName() + " 127.0.0.1:" + address.getPort()
              + " (" + full.getMessage() + ")");
    }
    return ProxyError.connectFailed(
        "local app", app.service().displayName(), address, pools.settings().connectTimeout(), cause);
  }
}
