package dev.trellis.proxy.http;

import io.netty.channel.Channel;

/**
 * How an exchange gives back the upstream channel it used: a pooled HTTP/1.1 connection goes back
 * to its pool when it can carry another request; an HTTP/2 stream simply ends.
 *
 * <p>Called once, on the channel's event loop.
 */
@FunctionalInterface
public interface UpstreamLease {
  /** Nothing to give back: the channel (an HTTP/2 stream) is closed when not finished cleanly. */
  UpstreamLease STREAM = (channel, reusable) -> {
    if (!reusable) {
      channel.close();
    }
  };

  /** Returns {@code channel}; {@code reusable} is false when the exchange did not end cleanly. */
  void release(Channel channel, boolean reusable);
}
