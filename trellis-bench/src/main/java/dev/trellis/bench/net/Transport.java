package dev.trellis.bench.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty transport the benchmark's own processes use: native epoll where it loads, else NIO,
 * the same choice the proxy makes, so the backend and load generator are never the bottleneck
 * for a reason the proxies do not share.
 *
 * @param name                 {@code epoll} or {@code nio}, printed with the results
 * @param ioHandlerFactory     builds the event loops
 * @param socketChannel        client channel class
 * @param serverSocketChannel  server channel class
 */
public record Transport(String name, IoHandlerFactory ioHandlerFactory,
    Class<? extends SocketChannel> socketChannel,
    Class<? extends ServerChannel> serverSocketChannel) {

  /** Epoll when the native library loads on this machine, NIO otherwise. */
  public static Transport best() {
    if (Epoll.isAvailable()) {
      return new Transport("epoll", EpollIoHandler.newFactory(),
          EpollSocketChannel.class, EpollServerSocketChannel.class);
    }
    return new Transport("nio", NioIoHandler.newFactory(),
        NioSocketChannel.class, NioServerSocketChannel.class);
  }

  /** An event loop group of {@code threads} threads; the caller shuts it down. */
  public EventLoopGroup newGroup(int threads) {
    return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory);
  }
}
