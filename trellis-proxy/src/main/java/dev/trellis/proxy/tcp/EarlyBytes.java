package dev.trellis.proxy.tcp;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * What a connection delivered while its relay partner was still being connected: bytes and,
 * possibly, its half-close. Auto-read off does not stop these: the epoll transport reads once
 * more when the peer half-closes (EPOLLRDHUP), so a short request and its FIN can arrive before
 * the other side exists.
 *
 * <p>Threading: the connection's event loop only.
 */
public final class EarlyBytes {
  private final ArrayDeque<Object> messages = new ArrayDeque<>(2);
  private boolean inputEnded;

  public void add(Object msg) {
    messages.add(msg);
  }

  /** Records that the connection's input ended (it half-closed). */
  public void inputEnded() {
    inputEnded = true;
  }

  /**
   * Writes everything held to {@code partner}; if the input had ended, shuts {@code partner}'s
   * output down once those bytes are written (shutting down first would drop them).
   */
  public void drainTo(Channel partner) {
    for (Object msg; (msg = messages.poll()) != null; ) {
      partner.write(msg, partner.voidPromise());
    }
    if (inputEnded && partner instanceof DuplexChannel duplex) {
      partner.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> duplex.shutdownOutput());
    } else {
      partner.flush();
    }
  }

  /** Releases what is held, when there will be no partner. */
  public void release() {
    for (Object msg; (msg = messages.poll()) != null; ) {
      ReferenceCountUtil.release(msg);
    }
  }
}
