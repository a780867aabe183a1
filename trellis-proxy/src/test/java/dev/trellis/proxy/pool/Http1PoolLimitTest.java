package dev.trellis.proxy.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.proxy.testing.TestHttpApp;
import dev.trellis.proxy.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The application's HTTP/1.1 pool opens at most {@code maxConnectionsPerEndpoint} connections;
 * further requests wait their turn in a bounded queue and the next one is refused at once.
 */
class Http1PoolLimitTest {
  // Two connections, and (two connections times one stream each) two waiting requests.
  static final PoolSettings SETTINGS = new PoolSettings(Duration.ofSeconds(1), Duration.ofSeconds(60), 2, 1);

  EventLoopGroup group;
  EventLoop loop;

  @BeforeEach
  void start() {
    group = Transport.newGroup(1, "pool-limit-test");
    loop = group.next();
  }

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void requestsBeyondTheLimitWaitThenAreRefused() throws Exception {
    try (TestHttpApp app = TestHttpApp.start("app")) {
      Http1ConnectionPool pool = new Http1ConnectionPool(loop, new InetSocketAddress("127.0.0.1", app.port()), SETTINGS);
      Channel first = onLoop(pool::acquire).get(5, TimeUnit.SECONDS);
      Channel second = onLoop(pool::acquire).get(5, TimeUnit.SECONDS);
      Future<Channel> third = onLoop(pool::acquire);
      Future<Channel> fourth = onLoop(pool::acquire);
      Future<Channel> fifth = onLoop(pool::acquire);

      assertThat(fifth.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(fifth.cause())
          .isInstanceOf(PoolExhaustedException.class)
          .hasMessage("2 connections busy, 2 requests waiting");
      assertThat(third.isDone()).isFalse();
      assertThat(fourth.isDone()).isFalse();

      // A connection handed back goes straight to the longest-waiting request.
      onLoop(() -> {
        pool.release(first, true);
        return null;
      });
      assertThat(third.get(5, TimeUnit.SECONDS)).isSameAs(first);
      // A connection closed makes room for a new one.
      onLoop(() -> {
        pool.release(second, false);
        return null;
      });
      Channel fresh = fourth.get(5, TimeUnit.SECONDS);
      assertThat(fresh).isNotSameAs(second);
      // The application counts a connection once its own loop accepted it.
      await().atMost(Duration.ofSeconds(5)).until(() -> app.connections() == 3);
      assertThat(onLoop(pool::openCount)).isEqualTo(2);
    }
  }

  @Test
  void failedConnectionAttemptsDoNotUseUpTheLimit() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Http1ConnectionPool pool = new Http1ConnectionPool(loop, new InetSocketAddress("127.0.0.1", closed), SETTINGS);
    for (int i = 0; i < 5; i++) {
      Future<Channel> attempt = onLoop(pool::acquire);
      assertThat(attempt.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(attempt.cause()).isInstanceOf(ConnectException.class);
    }
    assertThat(onLoop(pool::openCount)).isZero();
  }

  private <T> T onLoop(Callable<T> task) throws Exception {
    return loop.submit(task).get(5, TimeUnit.SECONDS);
  }
}
