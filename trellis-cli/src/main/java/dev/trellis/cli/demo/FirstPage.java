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
 * Waits until web serves its first whole page through the mesh: {@code GET /api/books} answered
 * 200 without {@code problems}, which needs catalog, inventory and reviews reached through their
 * sidecars. The load generator starts after it, so that its first numbers are not the JVMs'
 * warm-up.
 */
final class FirstPage {
  private static final long POLL_MILLIS = 250;

  private FirstPage() {}

  /** Returns how long it took; throws {@link IllegalStateException} with the last answer on timeout. */
  static Duration await(String webAddress, Duration timeout, LongSupplier nanoClock) throws InterruptedException {
    long start = nanoClock.getAsLong();
    String last = "no answer yet";
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + webAddress + "/api/books"))
          .timeout(Duration.ofSeconds(5))
          .build();
      while (nanoClock.getAsLong() - start < timeout.toNanos()) {
        try {
          HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200 && !response.body().contains("\"problems\":[\"")) {
            return Duration.ofNanos(nanoClock.getAsLong() - start);
          }
          last = response.statusCode() + " " + abbreviate(response.body());
        } catch (IOException e) {
          last = e.toString();
        }
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
