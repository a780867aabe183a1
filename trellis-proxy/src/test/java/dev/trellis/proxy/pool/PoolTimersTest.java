package dev.trellis.proxy.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.security.PeerSecurity;
import dev.trellis.proxy.testing.NettyTestServer;
import dev.trellis.proxy.testing.TestH2App;
import dev.trellis.proxy.testing.TestHttpApp;
import dev.trellis.proxy.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.concurrent.AbstractScheduledEventExecutor;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reusing a pooled connection many times leaves the event loop with one idle timer per idle
 * connection, not one per reuse: the loop's scheduled-task queue stays small.
 */
class PoolTimersTest {
  static final PoolSettings SETTINGS = new PoolSettings(Duration.ofSeconds(1), Duration.ofSeconds(60), 4, 100);

  EventLoopGroup group;
  EventLoop loop;

  @BeforeEach
  void start() {
    group = Transport.newGroup(1, "pool-timers-test");
    loop = group.next();
  }

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void anHttp1ConnectionReusedAThousandTimesHasOneTimer() throws Exception {
    try (TestHttpApp app = TestHttpApp.start("app")) {
      Http1ConnectionPool pool = new Http1ConnectionPool(loop, new InetSocketAddress("127.0.0.1", app.port()), SETTINGS);
      for (int i = 0; i < 1000; i++) {
        Channel channel = onLoop(() -> pool.acquire()).get(5, TimeUnit.SECONDS);
        onLoop(() -> {
          pool.release(channel, true);
          return null;
        });
      }
      assertThat(onLoop(() -> pool.idleCount())).isEqualTo(1);
      assertThat(onLoop(this::scheduledTasks)).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void anHttp2ConnectionGoingIdleAThousandTimesHasOneTimer() throws Exception {
    try (NettyTestServer app = TestH2App.start("h2")) {
      Http2ConnectionPool pool =
          new Http2ConnectionPool(
              loop, new InetSocketAddress("127.0.0.1", app.port()), SETTINGS, PeerSecurity.PLAINTEXT, () -> {});
      for (int i = 0; i < 1000; i++) {
        Http2StreamChannel stream = onLoop(() -> pool.openStream()).get(5, TimeUnit.SECONDS);
        stream.close().sync();
      }
      assertThat(onLoop(() -> pool.connectionCount())).isEqualTo(1);
      assertThat(onLoop(this::scheduledTasks)).isLessThanOrEqualTo(2);
    }
  }

  private <T> T onLoop(Callable<T> task) throws Exception {
    return loop.submit(task).get(5, TimeUnit.SECONDS);
  }

  /** How many tasks wait in the loop's scheduled-task queue (Netty keeps it private). */
  private int scheduledTasks() throws ReflectiveOperationException {
    Field queue = AbstractScheduledEventExecutor.class.getDeclaredField("scheduledTaskQueue");
    queue.setAccessible(true);
    Collection<?> tasks = (Collection<?>) queue.get(loop);
    return tasks == null ? 0 : tasks.size();
  }
}
