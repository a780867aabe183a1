package dev.trellis.proxy.admin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one admin request from the route registered for its path: 404 for an unknown path, 405
 * for anything but GET or HEAD, 500 (with the reason) when a route fails; the connection stays
 * usable in every case. Stateless, so one instance serves every connection.
 */
@ChannelHandler.Sharable
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(AdminHttpHandler.class);

  private final Map<String, AdminRoute> routes;

  AdminHttpHandler(Map<String, AdminRoute> routes) {
    this.routes = Map.copyOf(routes);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String path = request.uri();
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    AdminRoute route = routes.get(path);
    AdminResponse answer;
    if (!request.decoderResult().isSuccess()) {
      answer = AdminResponse.text(400, "malformed request");
    } else if (route == null) {
      answer = AdminResponse.text(404, "no such admin path: " + path
          + " (expected: one of " + String.join(", ", routes.keySet().stream().sorted().toList()) + ")");
    } else if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
      answer = AdminResponse.text(405, request.method() + " " + path + " (expected: GET or HEAD)");
    } else {
      try {
        answer = route.get();
      } catch (RuntimeException e) {
        log.warn("admin {} failed", path, e);
        answer = AdminResponse.text(500, path + " failed: " + e);
      }
    }
    write(ctx, request, answer);
  }

  private static void write(ChannelHandlerContext ctx, FullHttpRequest request, AdminResponse answer) {
    boolean head = request.method().equals(HttpMethod.HEAD);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(answer.status()),
        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.body()));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
    boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
    HttpUtil.setKeepAlive(response, keepAlive);
    var written = ctx.writeAndFlush(response);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A client that went away mid-request; nothing to answer.
    ctx.close();
  }
}
