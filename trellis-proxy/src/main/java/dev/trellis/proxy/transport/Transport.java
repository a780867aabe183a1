package dev.trellis.proxy.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The socket transport the proxy runs on: native epoll where the platform has it, NIO otherwise.
 *
 * <p>Every listener and every upstream connection of one proxy share one event loop group, so that
 * an upstream channel can be registered on the event loop of the downstream channel that needs it
 * (no cross-thread hand-off on the hot path).
 */
public final class Transport {
  private static final boolean EPOLL = Epoll.isAvailable();

  private Transport() {}

  /** A new event loop group of {@code threads} threads named after {@code name}. */
  public static EventLoopGroup newGroup(int threads, String name) {
    IoHandlerFactory factory = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), factory);
  }

  /** The server socket channel class matching {@link #newGroup}. */
  public static Class<? extends ServerChannel> serverChannel() {
    return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /** The client socket channel class matching {@link #newGroup}. */
  public static Class<? extends Channel> socketChannel() {
    return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  /** True when the native epoll transport is in use. */
  public static boolean isNative() {
    return EPOLL;
  }
}
