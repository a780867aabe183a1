package dev.trellis.examples.bookstore.catalog;

import dev.trellis.examples.bookstore.http.HttpEndpoint;
import dev.trellis.examples.bookstore.http.Reply;
import dev.trellis.examples.bookstore.http.Request;
import dev.trellis.examples.bookstore.upstream.Upstream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog service: the bookstore's books, each with its stock from inventory.
 *
 * <pre>
 * GET /books        200 {"version":"v1","instance":"catalog-1","books":[{"id":"dune",...,"stock":12}]}
 * GET /books/{id}   200 the same with one book; 404 for an unknown id
 * GET /v2/books...  the same, on v2 only: the mesh's example route sends /v2 to catalog-v2
 * GET /healthz      200 ok (never faulted)
 * </pre>
 *
 * <p>Every answer names the version and instance in its body and in the {@code x-bookstore-version}
 * and {@code x-bookstore-instance} headers, so a reader sees which one the mesh picked. Version
 * v2 adds each book's {@code format}. When inventory fails, books come back with {@code stock}
 * missing and a {@code stockError}, still 200. Thread-safe; {@link #close} stops it.
 */
public final class CatalogService implements AutoCloseable {

  /**
   * How one catalog instance runs.
   *
   * @param version {@code v1} or {@code v2}
   * @param instance named in every answer
   * @param inventory where stock comes from
   * @param faults injected into {@code /books} answers for demos
   * @param upstreamTimeout how long a stock lookup may take
   */
  public record Config(
      int port, String version, String instance, Upstream inventory, FaultInjection faults, Duration upstreamTimeout) {

    public Config {
      if (!version.equals("v1") && !version.equals("v2")) {
        throw new IllegalArgumentException("--version: " + version + " (expected: v1 or v2)");
      }
    }
  }

  private final Config config;
  private final StockLookup stock;
  private final HttpEndpoint endpoint;

  private CatalogService(Config config) throws IOException {
    this.config = config;
    this.stock = new StockLookup(config.inventory(), config.upstreamTimeout());
    this.endpoint = HttpEndpoint.start("catalog", config.port(), this::handle);
  }

  public static CatalogService start(Config config) throws IOException {
    return new CatalogService(config);
  }

  public int port() {
    return endpoint.port();
  }

  private Reply handle(Request request) {
    String path = request.path();
    if (path.startsWith("/v2/") && config.version().equals("v2")) {
      path = path.substring("/v2".length());
    }
    Reply reply;
    if (path.equals("/books") || path.startsWith("/books/")) {
      reply = books(path);
    } else {
      reply = Reply.error(404, "no such resource: " + request.path() + " (expected: /books or /books/{id})");
    }
    return reply
        .withHeader("x-bookstore-version", config.version())
        .withHeader("x-bookstore-instance", config.instance());
  }

  private Reply books(String path) {
    try {
      config.faults().delay();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reply.error(503, "catalog " + config.instance() + " is stopping");
    }
    if (config.faults().failThisRequest()) {
      return Reply.error(500, "catalog " + config.instance() + ": injected fault (--error-rate " + config.faults().errorRate() + ")");
    }
    List<Book> selected;
    if (path.equals("/books")) {
      selected = Book.SHELF;
    } else {
      String bookId = path.substring("/books/".length());
      Optional<Book> book = Book.SHELF.stream().filter(candidate -> candidate.id().equals(bookId)).findFirst();
      if (book.isEmpty()) {
        return Reply.error(404, "no book with id '" + bookId + "'");
      }
      selected = List.of(book.get());
    }
    Map<String, StockLookup.Stock> stockById = stock.stockOf(selected.stream().map(Book::id).toList());
    List<CatalogBook> answer = selected.stream().map(book -> withStock(book, stockById.get(book.id()))).toList();
    return Reply.json(200, new CatalogAnswer(config.version(), config.instance(), answer));
  }

  private CatalogBook withStock(Book book, StockLookup.Stock stock) {
    String format = config.version().equals("v2") ? book.format() : null;
    return new CatalogBook(book.id(), book.title(), book.author(), book.year(), format, stock.available(), stock.error());
  }

  @Override
  public void close() {
    endpoint.close();
    stock.close();
  }
}
