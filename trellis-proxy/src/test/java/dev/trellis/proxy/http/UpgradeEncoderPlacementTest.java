package dev.trellis.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An upgrade request goes into its tunnel as bytes through every handler the tunnel already has:
 * the encoder sits innermost, so a TLS handler securing the tunnel is never handed an object.
 */
class UpgradeEncoderPlacementTest {
  @Test
  void handlersAlreadyOnTheTunnelSeeBytes() {
    List<Object> seenByOuter = new ArrayList<>();
    EmbeddedChannel tunnel =
        new EmbeddedChannel(
            new ChannelOutboundHandlerAdapter() { // stands where an SslHandler would
              @Override
              public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                seenByOuter.add(msg.getClass());
                ctx.write(msg, promise);
              }
            });
    EmbeddedChannel downstream = new EmbeddedChannel();
    DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws");
    request.headers().set("upgrade", "websocket").set("connection", "upgrade");
    HttpExchange exchange =
        new HttpExchange(
            downstream,
            request,
            new ExchangeOwner() {
              @Override
              public void exchangeFinished(HttpExchange e, boolean keep) {}

              @Override
              public void switchToTunnel(HttpExchange e, Channel t) {}
            },
            true,
            null,
            0);

    exchange.tunnel(tunnel);

    assertThat(seenByOuter).isNotEmpty().allMatch(type -> ByteBuf.class.isAssignableFrom((Class<?>) type));
    for (Object out; (out = tunnel.readOutbound()) != null; ) {
      ((ByteBuf) out).release();
    }
    tunnel.finishAndReleaseAll();
    downstream.finishAndReleaseAll();
  }
}
