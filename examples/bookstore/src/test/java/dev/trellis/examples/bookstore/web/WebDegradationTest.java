package dev.trellis.examples.bookstore.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.examples.bookstore.TestBookstore;
import dev.trellis.examples.bookstore.TestHttp;
import dev.trellis.examples.bookstore.catalog.FaultInjection;
import com.sun.net.httpserver.HttpServer;
import dev.trellis.examples.bookstore.upstream.HostPort;
import dev.trellis.examples.bookstore.upstream.Upstream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Web keeps answering when a dependency fails, and says what failed. */
class WebDegradationTest {

  @Test
  void reviewsDownStillShowsTheCatalogWithANote() throws Exception {
    try (TestBookstore bookstore = TestBookstore.start("v1")) {
      bookstore.reviews.close();

      HttpResponse<String> response = TestHttp.get(bookstore.web.port(), "/api/books");

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = TestHttp.json(response);
      assertThat(body.path("books")).hasSize(5);
      JsonNode dune = body.path("books").get(0);
      assertThat(dune.path("stock").asInt()).isEqualTo(12);
      assertThat(dune.has("reviews")).as("reviews unknown, not empty").isFalse();
      assertThat(body.path("problems")).hasSize(1);
      assertThat(body.path("problems").get(0).asText())
          .startsWith("reviews at 127.0.0.1:" + bookstore.reviews.port() + " failed: UNAVAILABLE");

      String page = TestHttp.get(bookstore.web.port(), "/").body();
      assertThat(page).contains("reviews unavailable").contains("class=\"problem\"").contains("Dune");
    }
  }

  @Test
  void inventoryDownShowsBooksWithStockUnknown() throws Exception {
    try (TestBookstore bookstore = TestBookstore.start("v1")) {
      bookstore.inventory.close();

      HttpResponse<String> response = TestHttp.get(bookstore.web.port(), "/api/books");

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = TestHttp.json(response);
      JsonNode dune = body.path("books").get(0);
      assertThat(dune.has("stock")).isFalse();
      assertThat(dune.path("stockError").asText()).contains("inventory unreachable at 127.0.0.1:").contains("connection refused");
      assertThat(dune.path("reviews")).hasSize(2);
      assertThat(body.path("problems").get(0).asText()).startsWith("stock unknown: inventory unreachable");
      assertThat(TestHttp.get(bookstore.web.port(), "/").body()).contains("stock unknown");
    }
  }

  @Test
  void catalogDownIsA502WithTheReason() throws Exception {
    try (TestBookstore bookstore = TestBookstore.start("v1")) {
      bookstore.catalog.close();

      HttpResponse<String> api = TestHttp.get(bookstore.web.port(), "/api/books");
      assertThat(api.statusCode()).isEqualTo(502);
      assertThat(TestHttp.json(api).path("error").asText())
          .isEqualTo("catalog unavailable: catalog unreachable at 127.0.0.1:" + bookstore.catalog.port()
              + ": connection refused");

      HttpResponse<String> page = TestHttp.get(bookstore.web.port(), "/");
      assertThat(page.statusCode()).isEqualTo(502);
      assertThat(page.body()).contains("The catalog is unavailable.").contains("connection refused");

      assertThat(TestHttp.get(bookstore.web.port(), "/healthz").statusCode()).as("web stays up").isEqualTo(200);
    }
  }

  @Test
  void aSidecarsReasonIsPassedOn() throws Exception {
    // Stands in for the sidecar's local port for catalog, failing the way a Trellis proxy does.
    HttpServer sidecar = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    sidecar.createContext("/", exchange -> {
      exchange.getResponseHeaders().set("x-trellis-error", "no healthy endpoint: catalog");
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    sidecar.start();
    try (TestBookstore bookstore = TestBookstore.start("v1");
        WebService web = WebService.start(new WebService.Config(0, "web-meshed",
            new Upstream("catalog", Upstream.Via.SIDECAR_PORT, new HostPort("127.0.0.1", sidecar.getAddress().getPort()),
                "TRELLIS_UPSTREAM_CATALOG"),
            TestBookstore.direct("reviews", bookstore.reviews.port()), TestBookstore.TIMEOUT))) {
      HttpResponse<String> api = TestHttp.get(web.port(), "/api/books");

      assertThat(api.statusCode()).isEqualTo(502);
      assertThat(TestHttp.json(api).path("error").asText())
          .isEqualTo("catalog unavailable: catalog answered 503: no healthy endpoint: catalog (x-trellis-error)");
    } finally {
      sidecar.stop(0);
    }
  }

  @Test
  void catalogErrorsAreA502QuotingCatalog() throws Exception {
    FaultInjection alwaysFail = new FaultInjection(Duration.ZERO, 1.0, () -> 0.5);
    try (TestBookstore bookstore = TestBookstore.start("v2", alwaysFail)) {
      HttpResponse<String> api = TestHttp.get(bookstore.web.port(), "/api/books");

      assertThat(api.statusCode()).isEqualTo(502);
      assertThat(TestHttp.json(api).path("error").asText())
          .startsWith("catalog unavailable: catalog answered 500: ")
          .contains("injected fault");
    }
  }
}
