package dev.trellis.examples.bookstore.inventory;

import dev.trellis.examples.bookstore.http.HttpEndpoint;
import dev.trellis.examples.bookstore.http.Reply;
import dev.trellis.examples.bookstore.http.Request;
import java.io.IOException;
import java.util.Map;

/**
 * The inventory service: how many copies of each book are on the shelf.
 *
 * <pre>
 * GET /stock/{id}   200 {"bookId":"dune","available":12,"instance":"inventory-1"}
 *                   404 {"error":"no stock record for book 'x'"}
 * GET /healthz      200 ok
 * </pre>
 *
 * <p>The stock is fixed: the example is about the calls between services, not about selling books.
 * Thread-safe; {@link #close} stops it.
 */
public final class InventoryService implements AutoCloseable {
  private static final Map<String, Integer> STOCK = Map.of(
      "dune", 12,
      "left-hand-of-darkness", 3,
      "neuromancer", 0,
      "foundation", 7,
      "hyperion", 5);

  private final String instance;
  private final HttpEndpoint endpoint;

  private InventoryService(String instance, int port) throws IOException {
    this.instance = instance;
    this.endpoint = HttpEndpoint.start("inventory", port, this::handle);
  }

  /** Starts inventory on 127.0.0.1:{@code port} (0 picks a free port). */
  public static InventoryService start(String instance, int port) throws IOException {
    return new InventoryService(instance, port);
  }

  public int port() {
    return endpoint.port();
  }

  private Reply handle(Request request) {
    String prefix = "/stock/";
    if (!request.path().startsWith(prefix) || request.path().length() == prefix.length()) {
      return Reply.error(404, "no such resource: " + request.path() + " (expected: /stock/{id})");
    }
    String bookId = request.path().substring(prefix.length());
    Integer available = STOCK.get(bookId);
    if (available == null) {
      return Reply.error(404, "no stock record for book '" + bookId + "'");
    }
    return Reply.json(200, new StockLevel(bookId, available, instance)).withHeader("x-bookstore-instance", instance);
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
