package dev.trellis.examples.bookstore.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.examples.bookstore.TestBookstore;
import dev.trellis.examples.bookstore.TestHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Web joins catalog, inventory (through catalog) and reviews (gRPC) into one answer. */
class WebAggregationTest {
  private static TestBookstore bookstore;

  @BeforeAll
  static void start() throws Exception {
    bookstore = TestBookstore.start("v1");
  }

  @AfterAll
  static void stop() {
    bookstore.close();
  }

  @Test
  void apiBooksJoinsCatalogStockAndReviews() {
    HttpResponse<String> response = TestHttp.get(bookstore.web.port(), "/api/books");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = TestHttp.json(response);
    assertThat(body.path("catalogVersion").asText()).isEqualTo("v1");
    assertThat(body.path("catalogInstance").asText()).isEqualTo("catalog-test");
    assertThat(body.path("servedBy").asText()).isEqualTo("web-test");
    assertThat(body.path("problems")).isEmpty();
    assertThat(body.path("books")).hasSize(5);

    JsonNode dune = body.path("books").get(0);
    assertThat(dune.path("id").asText()).isEqualTo("dune");
    assertThat(dune.path("title").asText()).isEqualTo("Dune");
    assertThat(dune.path("stock").asInt()).as("stock from inventory, through catalog").isEqualTo(12);
    assertThat(dune.path("averageRating").asDouble()).as("from reviews over gRPC").isEqualTo(4.5);
    assertThat(dune.path("reviews")).hasSize(2);
    assertThat(dune.path("reviews").get(0).path("reviewer").asText()).isEqualTo("ana");
    assertThat(dune.has("format")).as("v1 has no format").isFalse();

    JsonNode neuromancer = body.path("books").get(2);
    assertThat(neuromancer.path("stock").asInt()).isZero();
    JsonNode hyperion = body.path("books").get(4);
    assertThat(hyperion.path("reviews")).as("a book nobody reviewed yet").isEmpty();
  }

  @Test
  void pageShowsTheSameDataAsHtml() {
    HttpResponse<String> response = TestHttp.get(bookstore.web.port(), "/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(response.body())
        .contains("Trellis Bookstore")
        .contains("<span class=\"chip v1\">catalog v1</span>instance catalog-test")
        .contains("The Left Hand of Darkness")
        .contains("12 in stock")
        .contains("sold out")
        .contains("The desert has never felt so alive.")
        .contains("no reviews yet")
        .doesNotContain("class=\"problem");
  }

  @Test
  void unknownPathsAndMethodsAreRefusedAndWebStaysUp() throws Exception {
    assertThat(TestHttp.get(bookstore.web.port(), "/nope").statusCode()).isEqualTo(404);
    var post = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + bookstore.web.port() + "/api/books"))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
    assertThat(TestHttp.get(bookstore.web.port(), "/healthz").body()).isEqualTo("ok\n");
  }

  @Test
  void escapesTextFromOtherServices() {
    assertThat(StorefrontPage.escape("<b>\"Tom\" & 'Jerry'</b>"))
        .isEqualTo("&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
  }
}
