package dev.trellis.control.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Aggregates request bodies up to a limit and answers a larger one with a JSON {@code 413} and a
 * lingering close.
 *
 * <p>Why lingering: a client that does not wait for {@code 100-continue} is still sending its body
 * when the answer goes out. Closing at once would leave unread bytes in the socket, and the kernel
 * would answer them with a reset that can destroy the 413 before the client reads it. So the rest
 * of the body is read (the aggregator drops it) for a moment, and only then is the connection
 * closed.
 */
final class BodyLimit extends HttpObjectAggregator {
  private static final long LINGER_MILLIS = 2_000;

  private final int maxBytes;

  BodyLimit(int maxBytes) {
    super(maxBytes);
    this.maxBytes = maxBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    byte[] body = ("{\"error\":\"request body over " + (maxBytes >> 20)
        + " MiB\",\"details\":[]}").getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    // The connection is done for: read freely so the remaining body drains while we linger.
    ctx.channel().config().setAutoRead(true);
    ctx.writeAndFlush(response).addListener(written ->
        ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS));
  }
}
