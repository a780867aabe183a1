package dev.trellis.api.client;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.net.URI;
import javax.net.ssl.SSLException;

/**
 * TLS for a {@code wss://} watch, and nothing for a {@code ws://} one: the JDK's TLS machinery
 * (providers, cipher suites, the CA trust store) costs a sidecar a few hundred classes and tens
 * of milliseconds of start-up, so it is built only when the control plane's URL asks for it.
 *
 * <p>A {@code wss} watch trusts what the JVM trusts (its default trust store) and checks that the
 * certificate names the host, as the REST calls over {@code https} do.
 */
final class WatchTls {
  private static final WatchTls PLAIN = new WatchTls(null);

  private final SslContext context; // null: plain ws

  private WatchTls(SslContext context) {
    this.context = context;
  }

  static WatchTls forUri(URI uri) {
    if (!"wss".equalsIgnoreCase(uri.getScheme())) {
      return PLAIN;
    }
    try {
      return new WatchTls(SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build());
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up TLS for the watch at " + uri + ": " + e.getMessage(), e);
    }
  }

  boolean enabled() {
    return context != null;
  }

  /** A handler for one connection to {@code host}, which it sends as SNI and verifies. */
  SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
    return context.newHandler(alloc, host, port);
  }
}
