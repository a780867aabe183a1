package dev.trellis.examples.bookstore.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.examples.bookstore.TestBookstore;
import dev.trellis.examples.bookstore.TestHttp;
import dev.trellis.examples.bookstore.inventory.InventoryService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Catalog v1 and v2 side by side over one inventory, plus fault injection. */
class CatalogServiceTest {
  private static InventoryService inventory;
  private static CatalogService v1;
  private static CatalogService v2;

  @BeforeAll
  static void start() throws Exception {
    inventory = InventoryService.start("inventory-a", 0);
    v1 = CatalogService.start(config("v1", "catalog-a", FaultInjection.NONE));
    v2 = CatalogService.start(config("v2", "catalog-b", FaultInjection.NONE));
  }

  @AfterAll
  static void stop() {
    v2.close();
    v1.close();
    inventory.close();
  }

  private static CatalogService.Config config(String version, String instance, FaultInjection faults) {
    return new CatalogService.Config(0, version, instance, TestBookstore.direct("inventory", inventory.port()), faults,
        TestBookstore.TIMEOUT);
  }

  @Test
  void v1ListsBooksWithStockAndNamesItself() {
    HttpResponse<String> response = TestHttp.get(v1.port(), "/books");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-bookstore-version")).hasValue("v1");
    assertThat(response.headers().firstValue("x-bookstore-instance")).hasValue("catalog-a");
    JsonNode body = TestHttp.json(response);
    assertThat(body.path("version").asText()).isEqualTo("v1");
    assertThat(body.path("instance").asText()).isEqualTo("catalog-a");
    assertThat(body.path("books")).hasSize(5);
    assertThat(body.path("books").get(0).path("stock").asInt()).isEqualTo(12);
    assertThat(body.path("books").findValues("format")).as("v1 has no format field").isEmpty();
  }

  @Test
  void v2AddsTheFormat() {
    JsonNode body = TestHttp.json(TestHttp.get(v2.port(), "/books"));

    assertThat(body.path("version").asText()).isEqualTo("v2");
    assertThat(body.path("books").findValuesAsText("format"))
        .containsExactly("paperback", "hardcover", "ebook", "paperback", "audiobook");
  }

  @Test
  void oneBookById() {
    JsonNode body = TestHttp.json(TestHttp.get(v2.port(), "/books/neuromancer"));

    assertThat(body.path("books")).hasSize(1);
    assertThat(body.path("books").get(0).path("title").asText()).isEqualTo("Neuromancer");
    assertThat(body.path("books").get(0).path("stock").asInt()).isZero();

    HttpResponse<String> missing = TestHttp.get(v1.port(), "/books/no-such-book");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(TestHttp.json(missing).path("error").asText()).isEqualTo("no book with id 'no-such-book'");
  }

  @Test
  void theV2PreviewPathIsServedByV2Only() {
    assertThat(TestHttp.get(v2.port(), "/v2/books").statusCode()).isEqualTo(200);
    assertThat(TestHttp.get(v2.port(), "/v2/books/dune").statusCode()).isEqualTo(200);
    assertThat(TestHttp.get(v1.port(), "/v2/books").statusCode()).isEqualTo(404);
  }

  @Test
  void injectedErrorsFollowTheRateAndSpareHealthChecks() throws Exception {
    AtomicInteger draws = new AtomicInteger();
    // Draws alternate 0.1, 0.9: with a 50% error rate, every other request fails.
    FaultInjection half = new FaultInjection(Duration.ZERO, 0.5, () -> draws.getAndIncrement() % 2 == 0 ? 0.1 : 0.9);
    try (CatalogService faulty = CatalogService.start(config("v1", "catalog-faulty", half))) {
      HttpResponse<String> first = TestHttp.get(faulty.port(), "/books");
      HttpResponse<String> second = TestHttp.get(faulty.port(), "/books");

      assertThat(first.statusCode()).isEqualTo(500);
      assertThat(TestHttp.json(first).path("error").asText())
          .isEqualTo("catalog catalog-faulty: injected fault (--error-rate 0.5)");
      assertThat(first.headers().firstValue("x-bookstore-instance")).hasValue("catalog-faulty");
      assertThat(second.statusCode()).isEqualTo(200);
      assertThat(TestHttp.get(faulty.port(), "/healthz").statusCode()).isEqualTo(200);
      assertThat(draws).hasValue(2);
    }
  }

  @Test
  void injectedLatencyDelaysTheAnswer() throws Exception {
    FaultInjection slow = new FaultInjection(Duration.ofMillis(150), 0.0, () -> 0.0);
    try (CatalogService faulty = CatalogService.start(config("v1", "catalog-slow", slow))) {
      long start = System.nanoTime();
      assertThat(TestHttp.get(faulty.port(), "/books").statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
  }

  @Test
  void badSettingsAreRefusedWithWhatWasExpected() {
    assertThatThrownBy(() -> new FaultInjection(Duration.ZERO, 1.5, Math::random))
        .hasMessage("--error-rate: 1.5 (expected: 0.0..1.0)");
    assertThatThrownBy(() -> new FaultInjection(Duration.ofMillis(-1), 0, Math::random))
        .hasMessage("--latency-ms: -1 (expected: >= 0)");
    assertThatThrownBy(() -> config("v3", "x", FaultInjection.NONE))
        .hasMessage("--version: v3 (expected: v1 or v2)");
  }
}
