package dev.trellis.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * One keep-alive HTTP/1.1 connection of a run: sends one request at a time and queues the ones
 * released while it is busy, as wrk2 does.
 *
 * <p>A queued request keeps its intended send time, so the time it waited behind a slow answer
 * is part of its latency. When the connection is lost, its in-flight and queued requests fail,
 * and so does every request handed to it afterwards (the run does not reconnect: a proxy that
 * drops connections under load shows up as errors, not hidden by a fresh connection).
 *
 * <p>Threading: confined to the channel's event loop, which is the run's.
 */
final class LoadConnection extends ChannelInboundHandlerAdapter {

  private static final long IDLE = Long.MIN_VALUE;

  private final OpenLoopRun run;
  private final ByteBuf request;
  private final ArrayDeque<Long> waiting = new ArrayDeque<>();
  private Channel channel;
  private long inFlightIntended = IDLE;
  private boolean succeeded;
  private boolean lost;

  /** @param request the encoded request, unreleasable and shared; each send writes a duplicate */
  LoadConnection(OpenLoopRun run, ByteBuf request) {
    this.run = run;
    this.request = request;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    ctx.fireChannelActive();
  }

  /** Sends the request meant for {@code intendedNanos} now, or after the ones ahead of it. */
  void enqueue(long intendedNanos) {
    if (lost) {
      run.finished(intendedNanos, false);
      return;
    }
    waiting.addLast(intendedNanos);
    if (inFlightIntended == IDLE) {
      sendNext();
    }
  }

  private void sendNext() {
    inFlightIntended = waiting.removeFirst();
    succeeded = false;
    channel.writeAndFlush(request.duplicate(), channel.voidPromise());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpResponse response) {
        int status = response.status().code();
        succeeded = status >= 200 && status < 300 && response.decoderResult().isSuccess();
      }
      if (msg instanceof LastHttpContent && inFlightIntended != IDLE) {
        long intended = inFlightIntended;
        inFlightIntended = IDLE;
        run.finished(intended, succeeded);
        if (!waiting.isEmpty() && !lost) {
          sendNext();
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    lost = true;
    if (inFlightIntended != IDLE) {
      long intended = inFlightIntended;
      inFlightIntended = IDLE;
      run.finished(intended, false);
    }
    while (!waiting.isEmpty()) {
      run.finished(waiting.removeFirst(), false);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  /**
   * Gives up on every request still unanswered; returns how many of them were intended within
   * {@code [windowStart, windowEnd)}. Nothing is reported to the run for them.
   */
  long abandon(long windowStart, long windowEnd) {
    long inWindow = 0;
    if (inFlightIntended != IDLE && inFlightIntended >= windowStart && inFlightIntended < windowEnd) {
      inWindow++;
    }
    inFlightIntended = IDLE;
    for (long intended : waiting) {
      if (intended >= windowStart && intended < windowEnd) {
        inWindow++;
      }
    }
    waiting.clear();
    lost = true;
    return inWindow;
  }

  /** Closes the connection without reporting anything more to the run. */
  void close() {
    lost = true;
    inFlightIntended = IDLE;
    waiting.clear();
    if (channel != null) {
      channel.close();
    }
  }
}
