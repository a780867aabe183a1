package dev.trellis.proxy.metrics;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;

/**
 * Counts a byte-relay connection (opaque TCP, an upgrade's tunnel) of one direction and service:
 * opened when added to a pipeline, closed when the channel closes, bytes as they are read from
 * and written to the channel it sits in.
 *
 * <pre>
 *   trellis_tcp_connections_opened_total / _closed_total{direction, namespace, service}
 *   trellis_tcp_received_bytes_total / trellis_tcp_sent_bytes_total{direction, namespace, service}
 * </pre>
 *
 * "Received" is what the connection's client sent the proxy (the application outbound, the peer
 * sidecar inbound); "sent" is what the proxy wrote back. Place it before the relay, after any
 * transport security, so that it counts the bytes the application sees.
 *
 * <p>Sharable: one instance per direction and service holds the data points, fetched once; per
 * connection it adds a close listener and does a counter add per read and per write.
 */
@ChannelHandler.Sharable
public final class TcpMetricsHandler extends ChannelDuplexHandler {
  /** The handler's name in a pipeline. */
  public static final String NAME = "trellis-tcp-metrics";

  private final CounterDataPoint opened;
  private final CounterDataPoint received;
  private final CounterDataPoint sent;
  private final ChannelFutureListener onClose;

  TcpMetricsHandler(CounterDataPoint opened, CounterDataPoint closed, CounterDataPoint received,
      CounterDataPoint sent) {
    this.opened = opened;
    this.received = received;
    this.sent = sent;
    this.onClose = future -> closed.inc();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    opened.inc();
    ctx.channel().closeFuture().addListener(onClose);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf bytes) {
      received.inc(bytes.readableBytes());
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ByteBuf bytes) {
      sent.inc(bytes.readableBytes());
    }
    ctx.write(msg, promise);
  }
}
