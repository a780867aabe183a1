package dev.trellis.examples.bookstore.web;

import dev.trellis.examples.bookstore.catalog.CatalogAnswer;
import dev.trellis.examples.bookstore.http.Json;
import dev.trellis.examples.bookstore.upstream.Upstream;
import dev.trellis.examples.bookstore.upstream.UpstreamFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Web's view of the catalog: {@code GET /books}, read into a {@link CatalogAnswer}.
 *
 * <p>Thread-safe; blocking (web calls it on a virtual thread per request). {@link #close} drops
 * the client.
 */
final class CatalogClient implements AutoCloseable {

  /** The catalog could not list the books; the message says why, for the page and the 502. */
  static final class CatalogUnavailable extends Exception {
    CatalogUnavailable(String reason) {
      super(reason, null, false, false);
    }
  }

  private final Upstream catalog;
  private final HttpClient client;
  private final Duration timeout;

  CatalogClient(Upstream catalog, Duration timeout) {
    this.catalog = catalog;
    this.client = catalog.newHttpClient(timeout);
    this.timeout = timeout;
  }

  /** Lists the books with their stock, or says why it could not. */
  CatalogAnswer books() throws CatalogUnavailable {
    HttpRequest request = HttpRequest.newBuilder(catalog.uri("/books")).timeout(timeout).GET().build();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new CatalogUnavailable(UpstreamFailure.ofException(catalog, e, timeout));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CatalogUnavailable("interrupted while calling catalog");
    }
    if (response.statusCode() != 200) {
      throw new CatalogUnavailable(UpstreamFailure.ofResponse(catalog, response));
    }
    try {
      return Json.read(response.body(), CatalogAnswer.class);
    } catch (UncheckedIOException e) {
      throw new CatalogUnavailable("catalog answered 200 with a body web cannot read: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    client.shutdownNow();
  }
}
