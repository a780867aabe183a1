package dev.trellis.examples.bookstore.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.examples.bookstore.TestHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inventory over a real socket: stock per book, 404 for what it does not know. */
class InventoryServiceTest {
  private static InventoryService inventory;

  @BeforeAll
  static void start() throws Exception {
    inventory = InventoryService.start("inventory-a", 0);
  }

  @AfterAll
  static void stop() {
    inventory.close();
  }

  @Test
  void answersTheStockOfABook() {
    HttpResponse<String> response = TestHttp.get(inventory.port(), "/stock/foundation");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-bookstore-instance")).hasValue("inventory-a");
    JsonNode body = TestHttp.json(response);
    assertThat(body.path("bookId").asText()).isEqualTo("foundation");
    assertThat(body.path("available").asInt()).isEqualTo(7);
    assertThat(body.path("instance").asText()).isEqualTo("inventory-a");
  }

  @Test
  void unknownBooksAndPathsAre404() {
    HttpResponse<String> unknown = TestHttp.get(inventory.port(), "/stock/no-such-book");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(TestHttp.json(unknown).path("error").asText()).isEqualTo("no stock record for book 'no-such-book'");

    assertThat(TestHttp.get(inventory.port(), "/stock/").statusCode()).isEqualTo(404);
    assertThat(TestHttp.get(inventory.port(), "/books").statusCode()).isEqualTo(404);
    assertThat(TestHttp.get(inventory.port(), "/healthz").statusCode()).isEqualTo(200);
  }
}
