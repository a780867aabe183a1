package dev.trellis.proxy.http;

import io.netty.channel.ChannelHandler;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Batches the flushes of an HTTP/2 connection between sidecars, which many exchanges share.
 *
 * <p>Every exchange flushes its stream as soon as it has written, and each flush of the connection
 * is a {@code send} system call. Requests (or responses) that arrive on different connections in
 * the same turn of the event loop would each pay one; batched, the connection is flushed once
 * after the event loop has handled everything that was ready, and at once while the connection
 * itself is being read (then at the end of that read). Nothing waits longer than that turn.
 */
public final class ConnectionFlushes {
  /** Flush anyway after this many deferred flushes, so a long turn does not hold bytes back. */
  private static final int MAX_DEFERRED_FLUSHES = 64;

  private ConnectionFlushes() {}

  /** A new handler for one connection's pipeline, between its TLS (if any) and HTTP/2 codec. */
  public static ChannelHandler newHandler() {
    return new FlushConsolidationHandler(MAX_DEFERRED_FLUSHES, true);
  }
}
