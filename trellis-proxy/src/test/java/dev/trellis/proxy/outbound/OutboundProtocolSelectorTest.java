package dev.trellis.proxy.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.http.HttpServerBridge;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutboundProtocolSelectorTest {
  EmbeddedChannel channel() {
    return new EmbeddedChannel(new OutboundProtocolSelector(() -> exchange -> {}, System::nanoTime));
  }

  @Test
  void postIsHttp1AsSoonAsItsSecondByteDiverges() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(Unpooled.copiedBuffer("P", StandardCharsets.US_ASCII));
    assertThat(ch.pipeline().get(OutboundProtocolSelector.class)).isNotNull(); // "P" could be "PRI"
    ch.writeInbound(Unpooled.copiedBuffer("OST / HTTP/1.1\r\n", StandardCharsets.US_ASCII));
    assertThat(ch.pipeline().get(OutboundProtocolSelector.class)).isNull();
    assertThat(ch.pipeline().get(HttpServerBridge.HTTP1_CODEC)).isInstanceOf(HttpServerCodec.class);
    ch.finishAndReleaseAll();
  }

  @Test
  void http2PrefaceInstallsTheHttp2Server() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(Http2CodecUtil.connectionPrefaceBuf());
    assertThat(ch.pipeline().get(OutboundProtocolSelector.class)).isNull();
    assertThat(ch.pipeline().get(Http2FrameCodec.class)).isNotNull();
    ch.finishAndReleaseAll();
  }
}
