package dev.trellis.examples.bookstore;

import dev.trellis.examples.bookstore.catalog.CatalogService;
import dev.trellis.examples.bookstore.catalog.FaultInjection;
import dev.trellis.examples.bookstore.inventory.InventoryService;
import dev.trellis.examples.bookstore.reviews.ReviewsService;
import dev.trellis.examples.bookstore.upstream.HostPort;
import dev.trellis.examples.bookstore.upstream.Upstream;
import dev.trellis.examples.bookstore.web.WebService;
import java.io.IOException;
import java.time.Duration;

/**
 * The whole bookstore in one JVM, every service on a free loopback port, wired directly (no
 * mesh). Each service can be stopped on its own to see how the others degrade.
 */
public final class TestBookstore implements AutoCloseable {
  public static final Duration TIMEOUT = Duration.ofSeconds(2);

  public final InventoryService inventory;
  public final CatalogService catalog;
  public final ReviewsService reviews;
  public final WebService web;

  private TestBookstore(String catalogVersion, FaultInjection faults) throws IOException {
    inventory = InventoryService.start("inventory-test", 0);
    catalog = CatalogService.start(new CatalogService.Config(
        0, catalogVersion, "catalog-test", direct("inventory", inventory.port()), faults, TIMEOUT));
    reviews = ReviewsService.start(new ReviewsService.Config(0, "reviews-test", Duration.ofMillis(20)));
    web = WebService.start(new WebService.Config(
        0, "web-test", direct("catalog", catalog.port()), direct("reviews", reviews.port()), TIMEOUT));
  }

  public static TestBookstore start(String catalogVersion) throws IOException {
    return new TestBookstore(catalogVersion, FaultInjection.NONE);
  }

  public static TestBookstore start(String catalogVersion, FaultInjection faults) throws IOException {
    return new TestBookstore(catalogVersion, faults);
  }

  public static Upstream direct(String service, int port) {
    return new Upstream(service, Upstream.Via.DIRECT, new HostPort("127.0.0.1", port), "--" + service);
  }

  @Override
  public void close() {
    web.close();
    reviews.close();
    catalog.close();
    inventory.close();
  }
}
