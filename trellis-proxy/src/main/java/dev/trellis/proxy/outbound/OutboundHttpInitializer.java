package dev.trellis.proxy.outbound;

import dev.trellis.proxy.http.HttpServerBridge;
import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.http.RouteTarget;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Builds the pipeline of a connection the local application opened to the outbound HTTP listener
 * (used as {@code HTTP_PROXY} or addressed with {@code Host: catalog}; HTTP/1.1, or h2c with prior
 * knowledge, see {@link OutboundProtocolSelector}), or to an HTTP/1.1 upstream port when
 * {@code preset} names the service.
 */
public final class OutboundHttpInitializer extends ChannelInitializer<Channel> {
  private final Supplier<HttpService> chain;
  private final RouteTarget preset;
  private final LongSupplier nanoClock;

  public OutboundHttpInitializer(Supplier<HttpService> chain, RouteTarget preset, LongSupplier nanoClock) {
    this.chain = chain;
    this.preset = preset;
    this.nanoClock = nanoClock;
  }

  @Override
  protected void initChannel(Channel ch) {
    if (preset == null) {
      // The HTTP proxy listener: HTTP/1.1 or h2c prior knowledge, told apart by the first bytes.
      ch.pipeline().addLast(new OutboundProtocolSelector(chain, nanoClock));
    } else {
      install(ch, chain, preset, nanoClock);
    }
  }

  static void install(Channel ch, Supplier<HttpService> chain, RouteTarget preset, LongSupplier nanoClock) {
    ch.pipeline()
        .addLast(HttpServerBridge.HTTP1_CODEC, new HttpServerCodec())
        .addLast(HttpServerBridge.name(), new HttpServerBridge(chain, true, preset, nanoClock));
  }
}
