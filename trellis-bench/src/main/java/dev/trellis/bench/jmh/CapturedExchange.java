package dev.trellis.bench.jmh;

import dev.trellis.proxy.http.HttpExchange;
import dev.trellis.proxy.http.HttpServerBridge;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;

/**
 * A real {@link HttpExchange}, started the way the proxy starts one: the request is read by an
 * {@link HttpServerBridge} on an {@link EmbeddedChannel}, and the service the bridge hands the
 * exchange to keeps it instead of serving it. The channel stays open until {@link #close}, so the
 * exchange may answer (a 404 for a miss goes into the channel's outbound queue).
 *
 * <p>Not thread-safe: an embedded channel runs on the thread that uses it.
 */
final class CapturedExchange implements AutoCloseable {
  private final EmbeddedChannel channel;
  private final HttpExchange exchange;

  private CapturedExchange(EmbeddedChannel channel, HttpExchange exchange) {
    this.channel = channel;
    this.exchange = exchange;
  }

  /**
   * The exchange of {@code request}, read from an HTTP/1.1 connection ({@code http1}) or an
   * HTTP/2 stream.
   */
  static CapturedExchange of(HttpRequest request, boolean http1) {
    HttpExchange[] kept = new HttpExchange[1];
    EmbeddedChannel channel = new EmbeddedChannel(
        new HttpServerBridge(() -> exchange -> kept[0] = exchange, http1, null, System::nanoTime));
    channel.writeInbound(request);
    if (kept[0] == null) {
      channel.finishAndReleaseAll();
      throw new IllegalStateException("the bridge started no exchange for " + request.uri());
    }
    return new CapturedExchange(channel, kept[0]);
  }

  HttpExchange exchange() {
    return exchange;
  }

  /**
   * The proxy's own answer to the exchange (a 404 for a miss), or null when it answered nothing;
   * taken out of the channel (so asking twice gives null the second time).
   */
  HttpResponse answer() {
    Object written = channel.readOutbound();
    return written instanceof HttpResponse response ? response : null;
  }

  /** Closes the channel and releases whatever the exchange answered. */
  @Override
  public void close() {
    channel.finishAndReleaseAll();
  }
}
