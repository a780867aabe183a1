package dev.trellis.examples.bookstore.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** How a service finds its upstreams: sidecar port, then HTTP_PROXY, then the flag. */
class UpstreamsTest {

  @Test
  void sidecarPortComesFirst() {
    Upstreams upstreams = new Upstreams(Map.of(
        "TRELLIS_UPSTREAM_CATALOG", "127.0.0.1:4141",
        "HTTP_PROXY", "http://127.0.0.1:4140"));

    Upstream catalog = upstreams.http("catalog", "127.0.0.1:8082");

    assertThat(catalog.via()).isEqualTo(Upstream.Via.SIDECAR_PORT);
    assertThat(catalog.address()).isEqualTo(new HostPort("127.0.0.1", 4141));
    assertThat(catalog.source()).isEqualTo("TRELLIS_UPSTREAM_CATALOG");
    assertThat(catalog.uri("/books")).isEqualTo(URI.create("http://127.0.0.1:4141/books"));
    assertThat(catalog.describe()).isEqualTo("catalog via sidecar 127.0.0.1:4141 (TRELLIS_UPSTREAM_CATALOG)");
  }

  @Test
  void httpProxyComesNextAndNamesTheServiceAsHost() {
    Upstreams upstreams = new Upstreams(Map.of("HTTP_PROXY", "http://127.0.0.1:4140/"));

    Upstream catalog = upstreams.http("catalog", "127.0.0.1:8082");

    assertThat(catalog.via()).isEqualTo(Upstream.Via.HTTP_PROXY);
    assertThat(catalog.address()).isEqualTo(new HostPort("127.0.0.1", 4140));
    assertThat(catalog.uri("/books")).isEqualTo(URI.create("http://catalog/books"));
  }

  @Test
  void lowerCaseHttpProxyIsReadToo() {
    Upstream catalog = new Upstreams(Map.of("http_proxy", "127.0.0.1:4140")).http("catalog", null);
    assertThat(catalog.via()).isEqualTo(Upstream.Via.HTTP_PROXY);
    assertThat(catalog.source()).isEqualTo("http_proxy");
  }

  @Test
  void theFlagIsTheLastResort() {
    Upstream catalog = new Upstreams(Map.of()).http("catalog", "127.0.0.1:8082");

    assertThat(catalog.via()).isEqualTo(Upstream.Via.DIRECT);
    assertThat(catalog.uri("/books")).isEqualTo(URI.create("http://127.0.0.1:8082/books"));
    assertThat(catalog.source()).isEqualTo("--catalog");
  }

  @Test
  void aFlagNotNamedAfterTheServiceIsNamedInLogsAndErrors() {
    assertThat(new Upstreams(Map.of()).http("web", "--target", "127.0.0.1:8080").source()).isEqualTo("--target");
    assertThatThrownBy(() -> new Upstreams(Map.of()).http("web", "--target", null))
        .hasMessage("--target: (not set) (expected: TRELLIS_UPSTREAM_WEB, HTTP_PROXY or --target HOST:PORT to say where web is)");
  }

  @Test
  void grpcIgnoresHttpProxy() {
    Upstreams upstreams = new Upstreams(Map.of("HTTP_PROXY", "127.0.0.1:4140"));

    Upstream reviews = upstreams.grpc("reviews", "127.0.0.1:9090");

    assertThat(reviews.via()).isEqualTo(Upstream.Via.DIRECT);
    assertThat(reviews.address()).isEqualTo(new HostPort("127.0.0.1", 9090));
    assertThat(new Upstreams(Map.of("TRELLIS_UPSTREAM_REVIEWS", "127.0.0.1:4142")).grpc("reviews", null).via())
        .isEqualTo(Upstream.Via.SIDECAR_PORT);
  }

  @Test
  void variableNamesAreUpperCaseWithUnderscores() {
    assertThat(Upstreams.variableFor("catalog-v2")).isEqualTo("TRELLIS_UPSTREAM_CATALOG_V2");
    Upstream v2 = new Upstreams(Map.of("TRELLIS_UPSTREAM_CATALOG_V2", "127.0.0.1:4143")).http("catalog-v2", null);
    assertThat(v2.address().port()).isEqualTo(4143);
  }

  @Test
  void blankValuesCountAsUnset() {
    Upstream catalog = new Upstreams(Map.of("TRELLIS_UPSTREAM_CATALOG", " ", "HTTP_PROXY", ""))
        .http("catalog", "127.0.0.1:8082");
    assertThat(catalog.via()).isEqualTo(Upstream.Via.DIRECT);
  }

  @Test
  void malformedAddressesAreRefusedNamingTheirSource() {
    assertThatThrownBy(() -> new Upstreams(Map.of("TRELLIS_UPSTREAM_CATALOG", "127.0.0.1:http")).http("catalog", null))
        .hasMessage("TRELLIS_UPSTREAM_CATALOG: 127.0.0.1:http (expected: HOST:PORT with a port in 1..65535)");
    assertThatThrownBy(() -> new Upstreams(Map.of("HTTP_PROXY", "127.0.0.1")).http("catalog", null))
        .hasMessage("HTTP_PROXY: 127.0.0.1 (expected: HOST:PORT with a port in 1..65535)");
    assertThatThrownBy(() -> new Upstreams(Map.of()).http("catalog", "127.0.0.1:70000"))
        .hasMessage("--catalog: 127.0.0.1:70000 (expected: HOST:PORT with a port in 1..65535)");
  }

  @Test
  void noAddressAtAllSaysWhatToSet() {
    assertThatThrownBy(() -> new Upstreams(Map.of()).http("inventory", null))
        .hasMessage("--inventory: (not set) (expected: TRELLIS_UPSTREAM_INVENTORY, HTTP_PROXY or --inventory HOST:PORT"
            + " to say where inventory is)");
    assertThatThrownBy(() -> new Upstreams(Map.of()).grpc("reviews", null))
        .hasMessage("--reviews: (not set) (expected: TRELLIS_UPSTREAM_REVIEWS or --reviews HOST:PORT to say where reviews is)");
  }

  @Test
  void throughHttpProxyRequestsAreSentInAbsoluteForm() throws Exception {
    AtomicReference<URI> seen = new AtomicReference<>();
    HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    proxy.createContext("/", exchange -> {
      seen.set(exchange.getRequestURI());
      byte[] body = "proxied".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    proxy.start();
    try {
      Upstream catalog = new Upstreams(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.getAddress().getPort()))
          .http("catalog", null);

      HttpResponse<String> response = catalog.newHttpClient(Duration.ofSeconds(2))
          .send(HttpRequest.newBuilder(catalog.uri("/books")).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.body()).isEqualTo("proxied");
      assertThat(seen.get()).isEqualTo(URI.create("http://catalog/books"));
    } finally {
      proxy.stop(0);
    }
  }
}
