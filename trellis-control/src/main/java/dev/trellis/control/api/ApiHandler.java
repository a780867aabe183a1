package dev.trellis.control.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.json.ApiJson;
import dev.trellis.control.watch.WatchHub;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge from Netty to the admin API: answers {@code /healthz}, checks the bearer token on
 * everything under {@code /v1/}, upgrades {@code /v1/watch} to a WebSocket, and hands every other
 * request to the {@link Router}, writing back its answer as JSON.
 *
 * <p>One request at a time per connection: auto-read is off, and the next read is asked for only
 * once the answer is flushed, so answers can complete on other threads (the store's writer)
 * without ever being reordered. One socket read may still decode several pipelined requests;
 * those wait here, in order, and each is handled only once the one before it is answered, so a
 * request sees every change made by the requests sent before it. Handlers run on the event loop and must not block; the ones that
 * write go through the store, whose futures complete elsewhere.
 */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
  private static final int MAX_WATCH_FRAME = 1 << 20;

  private final ObjectMapper json = ApiJson.mapper();
  private final Router router;
  private final BearerAuth auth;
  private final WatchHub hub;
  private final Duration watchPingInterval;
  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>(); // event loop only
  private boolean answering; // event loop only: a request is being handled

  ApiHandler(Router router, BearerAuth auth, WatchHub hub, Duration watchPingInterval) {
    this.router = router;
    this.auth = auth;
    this.hub = hub;
    this.watchPingInterval = watchPingInterval;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.read();
    ctx.fireChannelActive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (answering) {
      waiting.add(request.retain());
      return;
    }
    answering = true;
    handle(ctx, request);
  }

  /** After an answer went out: the next pipelined request, or else a read for more. */
  private void next(ChannelHandlerContext ctx) {
    FullHttpRequest request = waiting.poll();
    if (request == null) {
      answering = false;
      ctx.read();
      return;
    }
    try {
      handle(ctx, request);
    } finally {
      request.release();
    }
  }

  private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!request.decoderResult().isSuccess()) {
      write(ctx, ApiResponse.error(400, "malformed request: " + request.decoderResult().cause(),
          List.of()), false);
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path;
    Map<String, List<String>> query;
    try {
      // Both decode lazily and throw on a bad escape such as %zz.
      path = uri.path();
      query = uri.parameters();
    } catch (IllegalArgumentException e) {
      write(ctx, ApiResponse.error(400, "malformed request target: " + e.getMessage(),
          List.of("expected: a path and query with valid percent-encoding")), keepAlive);
      return;
    }
    if (path.equals("/healthz")) {
      write(ctx, ApiResponse.ok(Map.of("status", "ok")), keepAlive);
      return;
    }
    if (!auth.allows(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
      write(ctx, ApiResponse.error(401, "missing or wrong bearer token",
          List.of("send Authorization: Bearer <token from <data-dir>/admin-token>")), keepAlive);
      return;
    }
    if (path.equals("/v1/watch") && request.method().name().equals("GET")) {
      upgradeToWatch(ctx, request);
      return;
    }
    byte[] body = ByteBufUtil.getBytes(request.content());
    ApiRequest apiRequest = new ApiRequest(request.method().name(), path, Map.of(),
        query, mediaType(request), body);
    try {
      router.route(apiRequest).whenComplete((response, failure) ->
          write(ctx, failure == null ? response : ApiResponse.of(failure), keepAlive));
    } catch (RuntimeException e) {
      write(ctx, ApiResponse.of(e), keepAlive);
    }
  }

  /** Hands the connection over to the WebSocket protocol and a watch session for good. */
  private void upgradeToWatch(ChannelHandlerContext ctx, FullHttpRequest request) {
    WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
        .websocketPath("/v1/watch")
        .checkStartsWith(true)
        .maxFramePayloadLength(MAX_WATCH_FRAME)
        .build();
    long ping = watchPingInterval.toMillis();
    // Quiet for one interval: ping. Nothing back (not even the pong) for three: the peer is gone.
    ctx.pipeline().addAfter(ctx.name(), "idle",
        new IdleStateHandler(3 * ping, ping, 0, TimeUnit.MILLISECONDS));
    ctx.pipeline().addAfter("idle", "ws", new WebSocketServerProtocolHandler(config));
    // A message may come in fragments (a text frame and continuations): joined up to the limit.
    ctx.pipeline().addAfter("ws", "frames", new WebSocketFrameAggregator(MAX_WATCH_FRAME));
    ctx.pipeline().addAfter("frames", "watch", new WatchFrameHandler(hub));
    ctx.pipeline().remove(this);
    ctx.channel().config().setAutoRead(true);
    ctx.fireChannelRead(request.retain());
  }

  private void write(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
    if (response.status() >= 500) {
      log.error("admin API answered {}: {}", response.status(), response.body());
    }
    FullHttpResponse http;
    try {
      byte[] bytes = response.body() == null ? new byte[0] : json.writeValueAsBytes(response.body());
      http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(bytes));
      if (bytes.length > 0) {
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
      }
    } catch (JsonProcessingException e) {
      log.error("cannot encode an answer", e);
      http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.INTERNAL_SERVER_ERROR);
      keepAlive = false;
    }
    HttpUtil.setContentLength(http, http.content().readableBytes());
    if (keepAlive) {
      http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(http).addListener((ChannelFutureListener) future -> {
        if (future.isSuccess()) {
          next(ctx);
        } else {
          future.channel().close();
        }
      });
    } else {
      http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    // Closed, or upgraded to a watch: requests pipelined behind are not answered.
    waiting.forEach(FullHttpRequest::release);
    waiting.clear();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("admin connection {} failed", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }

  /** The body's media type without parameters ({@code ; charset=...}), lower case. */
  private static String mediaType(FullHttpRequest request) {
    String value = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    int semicolon = value.indexOf(';');
    return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }
}
