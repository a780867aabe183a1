package dev.trellis.testkit.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A steady, bounded loop of GET requests to one URL (e.g. a sidecar's upstream port): a fixed
 * number of workers, each sending its next request when the last one is answered and its pace
 * allows (so that the loop leaves CPU to the processes under test), counting
 * answers by the instance that gave them (the {@code x-app} response header) and keeping every
 * failure (any status but 200, or no answer).
 *
 * <pre>{@code
 * try (SteadyRequests load = SteadyRequests.start(URI.create("http://127.0.0.1:9001/"), 2,
 *     Duration.ofMillis(10))) {
 *   Map<String, Long> before = load.answeredBy();
 *   ... change the mesh ...
 *   assertThat(load.failures()).isEmpty();
 * }
 * }</pre>
 *
 * <p>Thread-safe: workers are virtual threads; every accessor may be called from any thread.
 */
public final class SteadyRequests implements AutoCloseable {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final URI uri;
  private final long paceNanos;
  private final HttpClient client;
  private final List<Thread> workers = new ArrayList<>();
  private final Map<String, LongAdder> answeredBy = new ConcurrentHashMap<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final AtomicLong completed = new AtomicLong();
  private volatile boolean running = true;

  private SteadyRequests(URI uri, Duration pace) {
    this.uri = uri;
    this.paceNanos = pace.toNanos();
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * Starts {@code workers} workers sending GET {@code uri} one request at a time each, a worker
   * starting at most one request per {@code pace} (a slow answer delays the next one, no burst
   * follows to catch up).
   */
  public static SteadyRequests start(URI uri, int workers, Duration pace) {
    SteadyRequests load = new SteadyRequests(uri, pace);
    for (int i = 0; i < workers; i++) {
      load.workers.add(Thread.ofVirtual().name("steady-requests-" + i).start(load::work));
    }
    return load;
  }

  private void work() {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
    while (running) {
      long started = System.nanoTime();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          String app = response.headers().firstValue("x-app").orElse("?");
          answeredBy.computeIfAbsent(app, ignored -> new LongAdder()).increment();
        } else {
          failures.add(response.statusCode() + " "
              + response.headers().firstValue("x-trellis-error").orElse("") + " " + response.body());
        }
      } catch (IOException e) {
        if (running) {
          failures.add("no answer: " + e);
        }
      } catch (InterruptedException e) {
        return;
      }
      completed.incrementAndGet();
      long rest = paceNanos - (System.nanoTime() - started);
      if (rest > 0) {
        try {
          Thread.sleep(Duration.ofNanos(rest)); // pacing the load, not waiting for an event
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Requests completed so far, failed ones included. */
  public long completed() {
    return completed.get();
  }

  /** Successful answers so far, by instance name, sorted by name. */
  public Map<String, Long> answeredBy() {
    Map<String, Long> counts = new TreeMap<>();
    answeredBy.forEach((app, count) -> counts.put(app, count.sum()));
    return counts;
  }

  /** Answers per instance between two {@link #answeredBy()} readings. */
  public static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> result = new TreeMap<>();
    after.forEach((app, count) -> result.put(app, count - before.getOrDefault(app, 0L)));
    return result;
  }

  /** Every failed request so far: status, {@code x-trellis-error} and body, or the I/O error. */
  public List<String> failures() {
    return List.copyOf(failures);
  }

  /** Stops the workers, letting each finish the request it is in. */
  @Override
  public void close() {
    running = false;
    for (Thread worker : workers) {
      try {
        worker.join(REQUEST_TIMEOUT.toMillis() + 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    client.close();
  }
}
