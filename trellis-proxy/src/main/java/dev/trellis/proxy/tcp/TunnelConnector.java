package dev.trellis.proxy.tcp;

import dev.trellis.proxy.pool.PoolSettings;
import dev.trellis.proxy.security.PeerSecurity;
import dev.trellis.proxy.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;

/**
 * Opens byte channels: to a peer sidecar's inbound listener (a tunnel, secured and introduced by a
 * {@link TunnelPreface}), or to the local application (plain). Channels come out on the given
 * event loop, with auto-read off and half-closure allowed, ready for {@link TcpRelay#splice}.
 */
public final class TunnelConnector {
  private final PoolSettings settings;
  private final PeerSecurity security;

  public TunnelConnector(PoolSettings settings, PeerSecurity security) {
    this.settings = settings;
    this.security = security;
  }

  /** A tunnel to the sidecar at {@code peer}, its preface already written. */
  public Future<Channel> tunnel(EventLoop loop, InetSocketAddress peer, TunnelPreface preface) {
    Promise<Channel> promise = loop.newPromise();
    connect(loop, peer, true)
        .addListener(
            (ChannelFuture f) -> {
              if (!f.isSuccess()) {
                promise.setFailure(f.cause());
                return;
              }
              f.channel().writeAndFlush(Unpooled.wrappedBuffer(preface.encode()));
              promise.setSuccess(f.channel());
            });
    return promise;
  }

  /** A plain connection to the local application at {@code address}. */
  public Future<Channel> direct(EventLoop loop, InetSocketAddress address) {
    Promise<Channel> promise = loop.newPromise();
    connect(loop, address, false)
        .addListener(
            (ChannelFuture f) -> {
              if (f.isSuccess()) {
                promise.setSuccess(f.channel());
              } else {
                promise.setFailure(f.cause());
              }
            });
    return promise;
  }

  private ChannelFuture connect(EventLoop loop, InetSocketAddress address, boolean secure) {
    return new Bootstrap()
        .group(loop)
        .channel(Transport.socketChannel())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings.connectTimeoutMillis())
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                if (secure) {
                  security.secureClient(ch, address);
                }
              }
            })
        .connect(address);
  }
}
