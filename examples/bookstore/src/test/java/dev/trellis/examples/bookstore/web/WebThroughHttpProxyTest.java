package dev.trellis.examples.bookstore.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.trellis.examples.bookstore.TestBookstore;
import dev.trellis.examples.bookstore.TestHttp;
import dev.trellis.examples.bookstore.catalog.CatalogService;
import dev.trellis.examples.bookstore.catalog.FaultInjection;
import dev.trellis.examples.bookstore.inventory.InventoryService;
import dev.trellis.examples.bookstore.reviews.ReviewsService;
import dev.trellis.examples.bookstore.upstream.Upstream;
import dev.trellis.examples.bookstore.upstream.Upstreams;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The bookstore with HTTP_PROXY set, as under a sidecar that acts as an HTTP proxy: web and
 * catalog send absolute-form requests naming the service, and the proxy routes on that name.
 */
class WebThroughHttpProxyTest {

  @Test
  void webAndCatalogReachTheirUpstreamsByNameThroughTheProxy() throws Exception {
    List<String> routed = new CopyOnWriteArrayList<>();
    Map<String, Integer> ports = new ConcurrentHashMap<>();
    HttpServer proxy = startRoutingProxy(ports, routed);
    Upstreams environment = new Upstreams(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.getAddress().getPort()));
    try (InventoryService inventory = InventoryService.start("inventory-p", 0);
        CatalogService catalog = CatalogService.start(new CatalogService.Config(0, "v2", "catalog-p",
            environment.http("inventory", null), FaultInjection.NONE, TestBookstore.TIMEOUT));
        ReviewsService reviews = ReviewsService.start(new ReviewsService.Config(0, "reviews-p", Duration.ofSeconds(1)));
        WebService web = WebService.start(new WebService.Config(0, "web-p", environment.http("catalog", null),
            TestBookstore.direct("reviews", reviews.port()), TestBookstore.TIMEOUT))) {
      ports.put("inventory", inventory.port());
      ports.put("catalog", catalog.port());

      HttpResponse<String> response = TestHttp.get(web.port(), "/api/books");

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = TestHttp.json(response);
      assertThat(body.path("catalogVersion").asText()).isEqualTo("v2");
      assertThat(body.path("problems")).isEmpty();
      assertThat(body.path("books").get(0).path("stock").asInt()).isEqualTo(12);
      assertThat(routed).contains("http://catalog/books", "http://inventory/stock/dune", "http://inventory/stock/hyperion");
    } finally {
      proxy.stop(0);
    }
  }

  /** A stand-in for a sidecar in HTTP proxy mode: forwards each request to the port of the host it names. */
  private static HttpServer startRoutingProxy(Map<String, Integer> ports, List<String> routed) throws IOException {
    HttpClient forwarder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).proxy(HttpClient.Builder.NO_PROXY).build();
    HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    proxy.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    proxy.createContext("/", exchange -> forward(exchange, forwarder, ports, routed));
    proxy.start();
    return proxy;
  }

  private static void forward(HttpExchange exchange, HttpClient forwarder, Map<String, Integer> ports, List<String> routed)
      throws IOException {
    try (exchange) {
      URI target = exchange.getRequestURI();
      routed.add(target.toString());
      Integer port = target.getHost() == null ? null : ports.get(target.getHost());
      if (port == null) {
        exchange.getResponseHeaders().set("x-trellis-error", "no route for " + target);
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      HttpResponse<byte[]> answer = forwarder.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target.getRawPath())).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
      exchange.getResponseBody().write(answer.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
