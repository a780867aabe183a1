package dev.trellis.proxy.protocol;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.testing.NettyTestServer;
import dev.trellis.proxy.testing.RawHttp;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.proxy.testing.TestH2App;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 resets from the application travel back meaningfully: a stream refused unprocessed
 * (REFUSED_STREAM) is sent again to another endpoint, any other reset becomes a 502 naming the
 * code for an HTTP/1.1 caller.
 */
class StreamResetTest {
  final AtomicInteger refused = new AtomicInteger();
  NettyTestServer resetting;
  NettyTestServer healthy;
  SidecarProxy resettingCallee;
  SidecarProxy healthyCallee;
  SidecarProxy caller;

  /** An h2c application that resets every stream with {@code code} as soon as its head arrives. */
  NettyTestServer resettingApp(Http2Error code) throws InterruptedException {
    return new NettyTestServer(
        ch ->
            ch.pipeline()
                .addLast(
                    Http2FrameCodecBuilder.forServer().build(),
                    new Http2MultiplexHandler(
                        new ChannelInitializer<Http2StreamChannel>() {
                          @Override
                          protected void initChannel(Http2StreamChannel stream) {
                            stream.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                boolean head = msg instanceof Http2HeadersFrame;
                                ReferenceCountUtil.release(msg);
                                if (head) {
                                  refused.incrementAndGet();
                                  ctx.writeAndFlush(new DefaultHttp2ResetFrame(code));
                                }
                              }
                            });
                          }
                        })));
  }

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {caller, resettingCallee, healthyCallee, resetting, healthy}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // closing what a failed start left behind
      }
    }
  }

  @Test
  void aRefusedStreamGoesToAnotherEndpoint() throws Exception {
    resetting = resettingApp(Http2Error.REFUSED_STREAM);
    healthy = TestH2App.start("api-2");
    resettingCallee = Sidecars.serving(ServiceKey.of("api"), resetting.port());
    healthyCallee = Sidecars.serving(ServiceKey.of("api"), healthy.port());
    caller = Sidecars.calling();
    Sidecars.apply(
        List.of(service("api", AppProtocol.HTTP2,
            endpointOf("a1", resettingCallee), endpointOf("a2", healthyCallee))),
        caller, resettingCallee, healthyCallee);
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      for (int i = 0; i < 6; i++) {
        http.send("GET /r" + i + " HTTP/1.1\r\nHost: api\r\n\r\n");
        RawHttp.Response response = http.read();
        assertThat(response.status()).as("request %d: %s", i, response.header("x-trellis-error")).isEqualTo(200);
        assertThat(response.body()).contains("h2app=api-2");
      }
    }
    assertThat(refused.get()).as("streams the refusing endpoint saw").isPositive();
  }

  @Test
  void anotherResetIs502NamingTheCode() throws Exception {
    resetting = resettingApp(Http2Error.CANCEL);
    resettingCallee = Sidecars.serving(ServiceKey.of("api"), resetting.port());
    caller = Sidecars.calling();
    Sidecars.apply(
        List.of(service("api", AppProtocol.HTTP2, endpointOf("a1", resettingCallee))), caller, resettingCallee);
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      http.send("GET /x HTTP/1.1\r\nHost: api\r\n\r\n");
      RawHttp.Response response = http.read();
      assertThat(response.status()).isEqualTo(502);
      assertThat(response.header("x-trellis-error"))
          .startsWith("upstream reset before response: api 127.0.0.1:")
          .endsWith("(CANCEL)");
    }
  }
}
