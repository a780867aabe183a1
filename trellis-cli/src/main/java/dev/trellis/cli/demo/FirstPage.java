package dev.trellis.cli.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Waits until web serves whole pages through the mesh: {@code GET /api/books} answered 200
 * without {@code problems}, which needs catalog, inventory and reviews reached through their
 * sidecars. The demo waits for one before starting the load generator, so that its first numbers
 * are not the JVMs' warm-up, and for several in a row before saying the bookstore is up.
 */
final class FirstPage {
  private static final long POLL_MILLIS = 250;

  private FirstPage() {}

  /**
   * Waits for {@code inRow} whole pages in a row; returns how long it took.
   *
   * @throws IllegalStateException with the last answer when {@code timeout} passes first
   */
  static Duration await(String webAddress, int inRow, Duration timeout, LongSupplier nanoClock)
      throws InterruptedException {
    long start = nanoClock.getAsLong();
    String last = "no answer yet";
    int whole = 0;
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + webAddress + "/api/books"))
          .timeout(Duration.ofSeconds(5))
          .build();
      while (nanoClock.getAsLong() - start < timeout.toNanos()) {
        try {
          HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200 && !response.body().contains("\"problems\":[\"")) {
            if (++whole >= inRow) {
              return Duration.ofNanos(nanoClock.getAsLong() - start);
            }
            continue;
          }
          last = response.statusCode() + " " + abbreviate(response.body());
        } catch (IOException e) {
          last = e.toString();
        }
        whole = 0;
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS); // retrying a request; nothing to wait on
      }
    }
    throw new IllegalStateException("web did not serve a whole page within " + timeout.toSeconds()
        + "s; last answer: " + last);
  }

  private static String abbreviate(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }
}
