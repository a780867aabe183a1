package dev.trellis.control.api;

import dev.trellis.api.watch.ProxyList;
import dev.trellis.control.registry.Registry;
import dev.trellis.control.store.ConfigStore;
import dev.trellis.control.watch.ProxyStatusBook;
import dev.trellis.control.watch.WatchHub;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.time.Duration;

/**
 * The admin API's channel pipeline, assembled in one place:
 *
 * <pre>
 *   HttpServerCodec       bytes to HTTP/1.1 requests and back
 *   BodyLimit             whole requests (apply bodies up to 8 MiB; larger get 413)
 *   ApiHandler            healthz, bearer token, watch upgrade, routes to the store and registry
 * </pre>
 *
 * <p>A watch upgrade replaces the last two with the WebSocket codec, an idle timer that pings
 * quiet watches and closes dead ones, and {@code WatchFrameHandler}.
 *
 * <p>The routes are built once here; the initializer is shared by every connection.
 */
public final class AdminApi extends ChannelInitializer<SocketChannel> {
  private static final int MAX_BODY = 8 << 20;

  private final Router router = new Router();
  private final BearerAuth auth;
  private final WatchHub hub;
  private final Duration watchPingInterval;
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

  public AdminApi(String token, ConfigStore store, Registry registry, WatchHub hub,
      ProxyStatusBook proxies, Duration watchPingInterval) {
    this.auth = new BearerAuth(token);
    this.watchPingInterval = watchPingInterval;
    this.hub = hub;
    new ResourceRoutes(store).addTo(router);
    new RegistryRoutes(registry).addTo(router);
    router.add("GET", "/v1/proxies", request ->
        ApiResponse.okNow(new ProxyList(hub.current().version(), proxies.all())));
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    connections.add(channel);
    channel.pipeline()
        .addLast("http", new HttpServerCodec())
        .addLast("aggregate", new BodyLimit(MAX_BODY))
        .addLast("api", new ApiHandler(router, auth, hub, watchPingInterval));
  }

  /**
   * Closes every open connection, watches included, so that proxies notice at once and start
   * reconnecting, rather than after their sockets time out.
   */
  public ChannelGroupFuture closeConnections() {
    return connections.close();
  }
}
