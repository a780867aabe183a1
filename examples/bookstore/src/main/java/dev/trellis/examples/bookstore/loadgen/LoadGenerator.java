package dev.trellis.examples.bookstore.loadgen;

import dev.trellis.examples.bookstore.upstream.Upstream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Sends web a steady rate of requests and reports what came back.
 *
 * <p>Open loop: request {@code i} is sent at {@code start + i / rps} whatever the earlier ones
 * are doing, so a slow server shows up as latency rather than as a lower rate. Nine in ten go
 * to {@code /api/books}, one in ten to {@code /}. Bounded: exactly {@code rps × duration}
 * requests are attempted, at most {@code maxInFlight} at once (a request that would exceed it
 * counts as an error, {@code in-flight limit}), and {@link #run} returns at most one request
 * timeout after the last one was sent.
 *
 * <p>Not thread-safe: one {@link #run} per instance (it closes its HTTP client when done).
 */
public final class LoadGenerator {

  /**
   * What to send.
   *
   * @param target where web is
   * @param maxErrorRate the share of errors above which the run fails, 0.0..1.0
   * @param reportEvery how often a progress line is printed
   * @param timeout how long one request may take
   */
  public record Config(
      Upstream target, double rps, Duration duration, double maxErrorRate, Duration reportEvery, Duration timeout,
      int maxInFlight) {

    public Config {
      if (!(rps > 0 && rps <= 10_000)) {
        throw new IllegalArgumentException("--rps: " + rps + " (expected: > 0 and <= 10000)");
      }
      if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("--duration: " + duration + " (expected: > 0 and <= 1h)");
      }
      if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
        throw new IllegalArgumentException("--max-error-rate: " + maxErrorRate + " (expected: 0.0..1.0)");
      }
      if (reportEvery.isNegative() || reportEvery.isZero()) {
        throw new IllegalArgumentException("--report-every: " + reportEvery + " (expected: > 0)");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("--timeout: " + timeout + " (expected: > 0)");
      }
      if (maxInFlight < 1) {
        throw new IllegalArgumentException("--max-in-flight: " + maxInFlight + " (expected: >= 1)");
      }
    }

    /** How many requests the run sends: {@code rps × duration}, at least one. */
    public long totalRequests() {
      return Math.max(1, Math.round(rps * duration.toNanos() / 1e9));
    }
  }

  /** The outcome of a run. Latencies in nanoseconds. */
  public record Summary(long requests, long errors, long p50Nanos, long p99Nanos, Duration elapsed, Map<String, Long> errorKinds) {
    public double errorRate() {
      return requests == 0 ? 0.0 : (double) errors / requests;
    }
  }

  private final Config config;
  private final LongSupplier nanoTime;
  private final HttpClient client;

  /** @param nanoTime the clock for pacing and latencies; {@code System::nanoTime} outside tests */
  public LoadGenerator(Config config, LongSupplier nanoTime) {
    this.config = config;
    this.nanoTime = nanoTime;
    this.client = config.target().newHttpClient(config.timeout());
  }

  /** Runs the load, printing a line every {@code reportEvery} and a final one to {@code out}. */
  public Summary run(PrintStream out) {
    LatencyWindow total = new LatencyWindow();
    LatencyWindow window = new LatencyWindow();
    Semaphore inFlight = new Semaphore(config.maxInFlight());
    long start = nanoTime.getAsLong();
    ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "loadgen-report");
      thread.setDaemon(true);
      return thread;
    });
    long every = config.reportEvery().toNanos();
    reporter.scheduleAtFixedRate(
        () -> out.println(line(String.format(Locale.ROOT, "%5.1fs", (nanoTime.getAsLong() - start) / 1e9), window.drain())),
        every, every, TimeUnit.NANOSECONDS);
    try {
      long requests = config.totalRequests();
      double intervalNanos = 1e9 / config.rps();
      for (long i = 0; i < requests; i++) {
        waitUntil(start + (long) (i * intervalNanos));
        String path = i % 10 == 9 ? "/" : "/api/books";
        send(path, inFlight, total, window);
      }
      // Let the last requests finish; each has its own timeout, so this wait is bounded too.
      inFlight.tryAcquire(config.maxInFlight(), config.timeout().toNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      reporter.shutdownNow();
      client.shutdownNow();
    }
    LatencyWindow.Stats stats = total.stats();
    Summary summary = new Summary(stats.requests(), stats.errors(), stats.p50Nanos(), stats.p99Nanos(),
        Duration.ofNanos(nanoTime.getAsLong() - start), stats.errorKinds());
    out.println(finalLine(summary));
    return summary;
  }

  private void send(String path, Semaphore inFlight, LatencyWindow total, LatencyWindow window) {
    if (!inFlight.tryAcquire()) {
      total.record(0, "in-flight limit");
      window.record(0, "in-flight limit");
      return;
    }
    HttpRequest request = HttpRequest.newBuilder(config.target().uri(path)).timeout(config.timeout()).GET().build();
    long sentAt = nanoTime.getAsLong();
    client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
      long latency = nanoTime.getAsLong() - sentAt;
      String errorKind = failure != null ? kindOf(failure) : response.statusCode() == 200 ? null : String.valueOf(response.statusCode());
      total.record(latency, errorKind);
      window.record(latency, errorKind);
      inFlight.release();
    });
  }

  private static String kindOf(Throwable failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof HttpTimeoutException) {
      return "timeout";
    }
    return cause.getClass().getSimpleName();
  }

  private void waitUntil(long deadline) throws InterruptedException {
    long remaining;
    while ((remaining = deadline - nanoTime.getAsLong()) > 0) {
      LockSupport.parkNanos(remaining);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  private static String line(String label, LatencyWindow.Stats stats) {
    return String.format(Locale.ROOT, "loadgen %s  requests %d  errors %d (%.1f%%)  p50 %s  p99 %s%s",
        label, stats.requests(), stats.errors(), stats.errorRate() * 100, millis(stats.p50Nanos()),
        millis(stats.p99Nanos()), kinds(stats.errorKinds()));
  }

  private String finalLine(Summary summary) {
    boolean ok = summary.errorRate() <= config.maxErrorRate();
    return String.format(Locale.ROOT,
        "loadgen done in %.1fs  requests %d  errors %d (%.2f%%)  p50 %s  p99 %s%s  max error rate %.2f%%: %s",
        summary.elapsed().toNanos() / 1e9, summary.requests(), summary.errors(), summary.errorRate() * 100,
        millis(summary.p50Nanos()), millis(summary.p99Nanos()), kinds(summary.errorKinds()),
        config.maxErrorRate() * 100, ok ? "ok" : "FAILED");
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
  }

  private static String kinds(Map<String, Long> errorKinds) {
    if (errorKinds.isEmpty()) {
      return "";
    }
    return errorKinds.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(kind -> kind.getKey() + " x" + kind.getValue())
        .collect(Collectors.joining(", ", "  [", "]"));
  }
}
