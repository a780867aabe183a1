package dev.trellis.examples.bookstore.catalog;

import dev.trellis.examples.bookstore.http.Json;
import dev.trellis.examples.bookstore.inventory.StockLevel;
import dev.trellis.examples.bookstore.upstream.Upstream;
import dev.trellis.examples.bookstore.upstream.UpstreamFailure;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Asks inventory for the stock of several books at once ({@code GET /stock/{id}} each, in parallel).
 *
 * <p>Never throws for a failed lookup: that book's result carries the reason instead, so the
 * catalog can still answer with everything else. Thread-safe; {@link #close} drops the client.
 */
final class StockLookup implements AutoCloseable {

  /** The stock of one book, or why it is unknown. Exactly one of the two is non-null. */
  record Stock(Integer available, String error) {}

  private final Upstream inventory;
  private final HttpClient client;
  private final Duration timeout;

  StockLookup(Upstream inventory, Duration timeout) {
    this.inventory = inventory;
    this.client = inventory.newHttpClient(timeout);
    this.timeout = timeout;
  }

  /** The stock of each book, in the order given. Blocks until every lookup ended or timed out. */
  Map<String, Stock> stockOf(List<String> bookIds) {
    Map<String, CompletableFuture<Stock>> pending = new LinkedHashMap<>();
    for (String bookId : bookIds) {
      pending.put(bookId, lookUp(bookId));
    }
    Map<String, Stock> result = new LinkedHashMap<>();
    pending.forEach((bookId, stock) -> result.put(bookId, stock.join()));
    return result;
  }

  private CompletableFuture<Stock> lookUp(String bookId) {
    HttpRequest request = HttpRequest.newBuilder(inventory.uri("/stock/" + bookId)).timeout(timeout).GET().build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(response -> response.statusCode() == 200
            ? new Stock(Json.read(response.body(), StockLevel.class).available(), null)
            : new Stock(null, UpstreamFailure.ofResponse(inventory, response)))
        .exceptionally(failure -> new Stock(null, UpstreamFailure.ofException(inventory, failure, timeout)));
  }

  @Override
  public void close() {
    client.shutdownNow();
  }
}
