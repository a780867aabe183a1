package dev.trellis.proxy.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.tcp.TunnelPreface;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundProtocolSelectorTest {
  final List<String> chosen = new ArrayList<>();

  EmbeddedChannel channel() {
    return new EmbeddedChannel(
        new InboundProtocolSelector(
            new InboundProtocolSelector.Choice() {
              @Override
              public void http2(ChannelHandlerContext ctx) {
                chosen.add("h2");
              }

              @Override
              public void tunnel(ChannelHandlerContext ctx, TunnelPreface preface) {
                chosen.add("tunnel " + preface.authority() + " " + preface.port());
              }
            }));
  }

  static ByteBuf ascii(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
  }

  @Test
  void http2PrefaceIsChosenAndPassedOnUntouched() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(Http2CodecUtil.connectionPrefaceBuf());
    assertThat(chosen).containsExactly("h2");
    ByteBuf passed = ch.readInbound();
    assertThat(passed.toString(StandardCharsets.US_ASCII)).startsWith("PRI * HTTP/2.0");
    passed.release();
    assertThat(ch.pipeline().get(InboundProtocolSelector.class)).isNull();
  }

  @Test
  void tunnelPrefaceSplitAcrossReadsIsConsumedAndTheRestPassedOn() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(ascii("TRELLIS-TUN"));
    assertThat(chosen).isEmpty();
    ch.writeInbound(ascii("NEL db.default:5432\r\nhello"));
    assertThat(chosen).containsExactly("tunnel db.default 5432");
    ByteBuf rest = ch.readInbound();
    assertThat(rest.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
    rest.release();
  }

  @Test
  void anythingElseGets400AndTheConnectionClosed() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(ascii("GET / HTTP/1.1\r\n\r\n"));
    assertThat(chosen).isEmpty();
    ByteBuf answer = ch.readOutbound();
    assertThat(answer.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 400").contains("x-trellis-error");
    answer.release();
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void overlongTunnelLineIsRefused() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(ascii("TRELLIS-TUNNEL " + "a".repeat(400)));
    assertThat(chosen).isEmpty();
    assertThat(ch.isOpen()).isFalse();
    ByteBuf answer = ch.readOutbound();
    answer.release();
  }
}
