package dev.trellis.examples.bookstore.web;

import dev.trellis.examples.bookstore.http.HttpEndpoint;
import dev.trellis.examples.bookstore.http.Reply;
import dev.trellis.examples.bookstore.http.Request;
import dev.trellis.examples.bookstore.upstream.Upstream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The web front end: the bookstore page, built from catalog (with inventory's stock) and reviews.
 *
 * <pre>
 * GET /            200 the HTML page; 502 and a page saying why when catalog failed
 * GET /api/books   200 the {@link Storefront} as JSON; 502 {"error": "catalog ..."} when catalog failed
 * GET /healthz     200 ok
 * </pre>
 *
 * <p>A failed reviews call or stock lookup still answers 200: the books are shown without that
 * part, and {@code problems} says what failed. Thread-safe; {@link #close} stops it.
 */
public final class WebService implements AutoCloseable {

  /**
   * How one web instance runs.
   *
   * @param upstreamTimeout how long each call to catalog or reviews may take
   */
  public record Config(int port, String instance, Upstream catalog, Upstream reviews, Duration upstreamTimeout) {}

  private final Config config;
  private final CatalogClient catalog;
  private final ReviewsClient reviews;
  private final StorefrontAssembler assembler;
  private final HttpEndpoint endpoint;

  private WebService(Config config) throws IOException {
    this.config = config;
    this.catalog = new CatalogClient(config.catalog(), config.upstreamTimeout());
    this.reviews = new ReviewsClient(config.reviews(), config.upstreamTimeout());
    this.assembler = new StorefrontAssembler(config.instance(), catalog, reviews);
    this.endpoint = HttpEndpoint.start("web", config.port(), this::handle);
  }

  public static WebService start(Config config) throws IOException {
    return new WebService(config);
  }

  public int port() {
    return endpoint.port();
  }

  private Reply handle(Request request) {
    boolean html = request.path().equals("/") || request.path().equals("/index.html");
    if (!html && !request.path().equals("/api/books")) {
      return Reply.error(404, "no such page: " + request.path() + " (expected: / or /api/books)");
    }
    try {
      Storefront storefront = assembler.assemble();
      return html ? Reply.html(200, StorefrontPage.render(storefront)) : Reply.json(200, storefront);
    } catch (CatalogClient.CatalogUnavailable e) {
      String reason = "catalog unavailable: " + e.getMessage();
      return html
          ? Reply.html(502, StorefrontPage.renderCatalogDown(config.instance(), e.getMessage()))
          : Reply.json(502, Map.of("error", reason, "servedBy", config.instance()));
    }
  }

  @Override
  public void close() {
    endpoint.close();
    catalog.close();
    reviews.close();
  }
}
