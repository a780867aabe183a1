package dev.trellis.examples.bookstore.reviews;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The reviews service: a gRPC server (h2c, plaintext: mTLS is the sidecar's job) on loopback
 * with {@code trellis.examples.bookstore.v1.Reviews} and the standard {@code grpc.health.v1.Health}.
 *
 * <p>Health reports SERVING for the whole server and for the Reviews service while it runs, and
 * NOT_SERVING once {@link #close} begins, so health checkers stop sending traffic before the
 * port goes away. Thread-safe; closing twice is harmless.
 */
public final class ReviewsService implements AutoCloseable {
  private static final String SERVICE_NAME = "trellis.examples.bookstore.v1.Reviews";

  /**
   * How one reviews instance runs.
   *
   * @param watchInterval how often a watch gets a fresh review
   */
  public record Config(int port, String instance, Duration watchInterval) {
    public Config {
      if (watchInterval.isZero() || watchInterval.isNegative()) {
        throw new IllegalArgumentException("--watch-interval-ms: " + watchInterval.toMillis() + " (expected: > 0)");
      }
    }
  }

  private final Server server;
  private final HealthStatusManager health;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final int port;

  private ReviewsService(Server server, HealthStatusManager health, ScheduledExecutorService scheduler) {
    this.server = server;
    this.health = health;
    this.scheduler = scheduler;
    this.port = server.getPort();
  }

  /** Starts reviews on 127.0.0.1:{@code port} (0 picks a free port). */
  public static ReviewsService start(Config config) throws IOException {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "reviews-watch");
      thread.setDaemon(true);
      return thread;
    });
    HealthStatusManager health = new HealthStatusManager();
    // Bound to loopback only: other hosts reach this service through its sidecar.
    Server server = NettyServerBuilder
        .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), InsecureServerCredentials.create())
        .addService(new ReviewsEndpoint(config.instance(), config.watchInterval(), scheduler))
        .addService(health.getHealthService())
        .build()
        .start();
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(SERVICE_NAME, ServingStatus.SERVING);
    return new ReviewsService(server, health, scheduler);
  }

  /** The bound port; still answers after {@link #close}. */
  public int port() {
    return port;
  }

  /**
   * Reports NOT_SERVING, stops taking calls, gives calls in flight up to two seconds, then
   * cancels what is left (open-ended watches never finish by themselves).
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
        server.shutdownNow();
        server.awaitTermination(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      scheduler.shutdownNow();
    }
  }
}
