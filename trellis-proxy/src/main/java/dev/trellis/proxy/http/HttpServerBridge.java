package dev.trellis.proxy.http;

import dev.trellis.proxy.tcp.TcpRelay;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one handler that hands decoded requests to the service chain: it sits after the codec of an
 * HTTP/1.1 connection ({@code HttpServerCodec}, named {@value #HTTP1_CODEC}) or of an HTTP/2
 * stream, creates an {@link HttpExchange} per request, and feeds it the body.
 *
 * <p>An HTTP/1.1 connection carries exchanges one after another; requests pipelined behind the
 * current one wait here until it is over, so responses keep their order. An HTTP/2 stream carries
 * exactly one exchange.
 *
 * <p>The chain is read from {@code services} once per request, so a request finishes on the
 * snapshot it started with. Threading: the channel's event loop only.
 */
public final class HttpServerBridge extends ChannelInboundHandlerAdapter implements ExchangeOwner {
  /** The name the HTTP/1.1 server codec must have in the pipeline, so an upgrade can remove it. */
  public static final String HTTP1_CODEC = "trellis-http1-codec";

  private static final String NAME = "trellis-http-bridge";

  private final Supplier<HttpService> services;
  private final boolean http1;
  private final RouteTarget preset;
  private final LongSupplier nanoClock;
  private final ArrayDeque<Object> pipelined = new ArrayDeque<>(2);
  private ChannelHandlerContext ctx;
  private HttpExchange current;
  /** The exchange ended before its request did: drop the request's remaining body parts. */
  private boolean discarding;
  /** The current request went on whole: the decoder's empty last part after its head is dropped. */
  private boolean expectEmptyLast;

  public HttpServerBridge(
      Supplier<HttpService> services, boolean http1, RouteTarget preset, LongSupplier nanoClock) {
    this.services = services;
    this.http1 = http1;
    this.preset = preset;
    this.nanoClock = nanoClock;
  }

  /** The handler's name in a pipeline. */
  public static String name() {
    return NAME;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    ctx.channel().config().setAutoRead(false);
    if (ctx.channel().isActive()) {
      ctx.read();
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.read();
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (expectEmptyLast) {
      expectEmptyLast = false;
      if (msg == LastHttpContent.EMPTY_LAST_CONTENT) {
        return;
      }
    }
    if (discarding) {
      discard(msg);
      return;
    }
    if (current != null) {
      if (!current.requestComplete() && msg instanceof HttpContent part) {
        current.requestBody(part);
      } else {
        pipelined.add(msg);
      }
      return;
    }
    start(msg);
  }

  private void discard(Object msg) {
    if (brokenFraming(msg)) {
      return;
    }
    if (msg instanceof HttpContent part) {
      if (part instanceof LastHttpContent) {
        discarding = false;
      }
      part.release();
    } else {
      discarding = false; // a new request head: the old body must have ended
      start(msg);
    }
  }

  /**
   * Closes the connection when {@code msg}, a body part no exchange takes, reports broken framing:
   * the decoder discards everything after it, so no further request could be read. A request head
   * that failed to decode is not one of these (Netty hands it over as a full request, which is
   * also a body part): it is answered 400 by {@link #rejectMalformed}.
   */
  private boolean brokenFraming(Object msg) {
    if (msg instanceof HttpContent part && !(msg instanceof HttpRequest)
        && part.decoderResult().isFailure()) {
      part.release();
      releasePipelined();
      ctx.close();
      return true;
    }
    return false;
  }

  private void start(Object msg) {
    if (brokenFraming(msg)) {
      return;
    }
    if (!(msg instanceof HttpRequest request)) {
      ReferenceCountUtil.release(msg); // body of a request already answered
      return;
    }
    DecoderResult result = request.decoderResult();
    if (result.isFailure()) {
      rejectMalformed(request, result.cause());
      return;
    }
    if (!http1) {
      Http1Headers.stripConversionHeaders(request.headers());
    } else {
      Http1Headers.stripProxyHeaders(request.headers());
      if (!HttpUtil.isContentLengthSet(request) && !HttpUtil.isTransferEncodingChunked(request)
          && !(request instanceof LastHttpContent)) {
        // Neither length nor chunking: the request has no body (RFC 9112 6.3). Sent on whole, it
        // reaches the peer as a request that ends with its head, never as an empty chunked body.
        request = whole(request);
        expectEmptyLast = true;
      }
    }
    if (http1 && HttpUtil.is100ContinueExpected(request)) {
      // Answered here rather than relayed: the body is streamed anyway, so the client need not wait.
      request.headers().remove(HttpHeaderNames.EXPECT);
      ctx.writeAndFlush(
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
    }
    current = new HttpExchange(ctx.channel(), request, this, http1, preset, nanoClock.getAsLong());
    services.get().serve(current);
  }

  private static FullHttpRequest whole(HttpRequest head) {
    FullHttpRequest full =
        new DefaultFullHttpRequest(
            head.protocolVersion(), head.method(), head.uri(), Unpooled.EMPTY_BUFFER,
            head.headers(), EmptyHttpHeaders.INSTANCE);
    full.setDecoderResult(head.decoderResult());
    return full;
  }

  private void rejectMalformed(HttpRequest request, Throwable cause) {
    ReferenceCountUtil.release(request);
    String detail = cause == null ? "undecodable" : String.valueOf(cause.getMessage());
    HttpRequest blank = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
    FullHttpResponse response = ErrorResponses.of(ProxyError.malformed(detail), blank, ctx.alloc());
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    // The decoder cannot find the next message boundary after a bad one: close.
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (current == null) {
      ctx.read(); // a partial request head, or body left to discard: keep reading
      return;
    }
    current.requestReadComplete();
    if (http1 && current != null && current.requestComplete() && pipelined.isEmpty()
        && HttpUtil.isKeepAlive(current.request())) {
      // The next request on this connection may be read while this one is answered: at most one
      // read's worth waits in `pipelined`. Asking now, inside this read, keeps the socket
      // registered for reading instead of costing two epoll_ctl calls per request.
      ctx.read();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (current != null) {
      current.downstreamWritabilityChanged();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (current != null) {
      current.downstreamClosed();
    }
    releasePipelined();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  @Override
  public void exchangeFinished(HttpExchange exchange, boolean keepConnection) {
    if (exchange != current) {
      return;
    }
    current = null;
    Channel channel = ctx.channel();
    if (!keepConnection) {
      releasePipelined();
      if (http1) {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      } else {
        // What was written is already handed to the connection; closing resets the stream.
        channel.flush();
        channel.close();
      }
      return;
    }
    if (!http1) {
      return; // the HTTP/2 stream ended with both halves closed
    }
    discarding = !exchange.requestComplete();
    while (discarding && !pipelined.isEmpty()) {
      discard(pipelined.poll());
    }
    while (current == null && !pipelined.isEmpty()) {
      start(pipelined.poll());
    }
    while (current != null && !current.requestComplete() && !pipelined.isEmpty()) {
      Object msg = pipelined.poll();
      if (msg instanceof HttpContent part) {
        current.requestBody(part);
      } else {
        pipelined.addFirst(msg);
        break;
      }
    }
    if (current == null) {
      channel.read();
    } else {
      current.requestReadComplete();
    }
  }

  @Override
  public void switchToTunnel(HttpExchange exchange, Channel tunnel) {
    current = null;
    Channel channel = ctx.channel();
    releasePipelined();
    TcpRelay.splice(channel, NAME, tunnel);
    // Removing the codec hands any bytes it still holds to the relay.
    channel.pipeline().remove(HTTP1_CODEC);
  }

  private void releasePipelined() {
    for (Object msg; (msg = pipelined.poll()) != null; ) {
      ReferenceCountUtil.release(msg);
    }
  }
}
