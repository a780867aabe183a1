package dev.trellis.proxy.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.testing.HttpAppBehindSidecars;
import dev.trellis.proxy.testing.RawHttp;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 from an application, through its sidecar and the callee's sidecar, to an HTTP/1.1 mesh.app(). */
class Http1ThroughSidecarsTest {
  static HttpAppBehindSidecars mesh;

  @BeforeAll
  static void start() throws Exception {
    mesh = HttpAppBehindSidecars.start();
  }

  @AfterAll
  static void stop() {
    mesh.close();
  }

  @Test
  void httpProxyAbsoluteFormReachesTheServiceAndHidesMeshHeaders() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(ProxySelector.of(mesh.caller().outboundHttpAddress()))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    int before = mesh.app().requestHeaders().size();
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://catalog/hello?i=" + i))
                  .header("x-test", "value-" + i)
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .contains("app=catalog-1", "method=GET", "uri=/hello?i=" + i, "host=catalog", "x-test=value-" + i);
      assertThat(response.headers().firstValue("x-app")).hasValue("catalog-1");
    }
    List<HttpHeaders> seen = new ArrayList<>(mesh.app().requestHeaders().subList(before, before + 5));
    for (HttpHeaders headers : seen) {
      assertThat(headers.names()).noneMatch(n -> n.startsWith("x-http2-") || n.startsWith("x-trellis"));
    }
  }

  @Test
  void h2cUpgradeOfferIsDeclinedAndTheRequestServedAsHttp1() throws Exception {
    // The JDK client's default version offers "Upgrade: h2c" on plain HTTP; that offer is for
    // the next hop, not a tunnel to the application.
    HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(mesh.caller().outboundHttpAddress())).build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://catalog:80/offer")).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(response.body()).contains("uri=/offer", "host=catalog:80");
    HttpHeaders seen = mesh.app().requestHeaders().get(mesh.app().requestHeaders().size() - 1);
    assertThat(seen.names()).noneMatch(n -> n.equalsIgnoreCase("upgrade") || n.equalsIgnoreCase("http2-settings"));
  }

  @Test
  void hostRoutedRequestsWithCurlCarryChunkedBodiesBothWays() throws Exception {
    String out = mesh.caller().outboundHttpAddress().getHostString() + ":" + mesh.caller().outboundHttpAddress().getPort();
    String upload = "x".repeat(100_000);
    Process curl =
        new ProcessBuilder(
                "curl", "-sS", "-i", "--max-time", "10",
                "-H", "Host: catalog.default:8080",
                "-H", "Transfer-Encoding: chunked",
                "--data-binary", "@-",
                "http://" + out + "/upload")
            .redirectErrorStream(true)
            .start();
    curl.getOutputStream().write(upload.getBytes(StandardCharsets.UTF_8));
    curl.getOutputStream().close();
    String response = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(15, TimeUnit.SECONDS)).isTrue();
    assertThat(response).startsWith("HTTP/1.1 200").contains("bytes=100000", "method=POST", "uri=/upload");

    Process chunks =
        new ProcessBuilder(
                "curl", "-sS", "--raw", "-i", "--max-time", "10", "-H", "Host: catalog", "http://" + out + "/chunks/4")
            .redirectErrorStream(true)
            .start();
    String raw = new String(chunks.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(chunks.waitFor(15, TimeUnit.SECONDS)).isTrue();
    assertThat(raw.toLowerCase()).contains("transfer-encoding: chunked");
    assertThat(raw).contains("chunk-0", "chunk-3", "x-app-trailer: catalog-1");
  }

  @Test
  void keepAliveConnectionCarriesPipelinedRequestsInOrderWithTrailers() throws Exception {
    try (RawHttp http = new RawHttp(mesh.caller().outboundHttpAddress())) {
      http.send(
          "POST /first HTTP/1.1\r\nHost: catalog\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "5\r\nhello\r\n6\r\n world\r\n0\r\nx-client-trailer: t1\r\n\r\n"
              + "GET /chunks/3 HTTP/1.1\r\nHost: catalog\r\n\r\n");
      RawHttp.Response first = http.read();
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.body()).contains("uri=/first", "bytes=11", "trailer=t1");
      RawHttp.Response second = http.read();
      assertThat(second.status()).isEqualTo(200);
      assertThat(second.body()).isEqualTo("chunk-0\nchunk-1\nchunk-2\n");
      assertThat(second.trailers()).containsEntry("x-app-trailer", "catalog-1");

      http.send("GET /third HTTP/1.1\r\nHost: catalog\r\nConnection: close\r\n\r\n");
      RawHttp.Response third = http.read();
      assertThat(third.body()).contains("uri=/third");
      assertThat(third.header("connection")).isEqualToIgnoringCase("close");
      assertThat(http.closedByServer()).isTrue();
    }
  }

  @Test
  void localAppConnectionsAreReusedAcrossRequests() throws Exception {
    try (RawHttp http = new RawHttp(mesh.caller().outboundHttpAddress())) {
      for (int i = 0; i < 10; i++) {
        http.send("GET /again HTTP/1.1\r\nHost: catalog\r\n\r\n");
        assertThat(http.read().status()).isEqualTo(200);
      }
    }
    // Requests ran one after another on one event loop: one pooled connection serves them all.
    assertThat(mesh.app().connections()).isLessThanOrEqualTo(2);
  }

  @Test
  void headRequestAndStatusCodesPassThrough() throws Exception {
    try (RawHttp http = new RawHttp(mesh.caller().outboundHttpAddress())) {
      http.send("GET /status/418 HTTP/1.1\r\nHost: catalog\r\n\r\n");
      RawHttp.Response teapot = http.read();
      assertThat(teapot.status()).isEqualTo(418);
      assertThat(teapot.header("x-trellis-error")).isNull();
      http.send("GET /status/204 HTTP/1.1\r\nHost: catalog\r\n\r\n");
      RawHttp.Response noContent = http.read();
      assertThat(noContent.status()).isEqualTo(204);
      assertThat(noContent.header("transfer-encoding")).isNull();
      // A 204 that carried body bytes would break the next response on this connection.
      http.send("GET /after HTTP/1.1\r\nHost: catalog\r\n\r\n");
      assertThat(http.read().body()).contains("uri=/after");
    }
  }

  @Test
  void http10CallerGetsAnUnchunkedBodyEndedByClose() throws Exception {
    try (RawHttp http = new RawHttp(mesh.caller().outboundHttpAddress())) {
      http.send("GET /chunks/3 HTTP/1.0\r\nHost: catalog\r\n\r\n");
      RawHttp.Response response = http.read();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("transfer-encoding")).isNull();
      assertThat(response.body()).isEqualTo("chunk-0\nchunk-1\nchunk-2\n");
    }
    try (RawHttp http = new RawHttp(mesh.caller().outboundHttpAddress())) {
      http.send("GET /ten HTTP/1.0\r\nHost: catalog\r\nConnection: keep-alive\r\n\r\n");
      RawHttp.Response first = http.read();
      assertThat(first.header("content-length")).isNotNull();
      assertThat(first.header("connection")).isEqualToIgnoringCase("keep-alive");
      http.send("GET /ten-again HTTP/1.0\r\nHost: catalog\r\n\r\n");
      assertThat(http.read().body()).contains("uri=/ten-again");
      assertThat(http.closedByServer()).isTrue();
    }
  }

  @Test
  void expectContinueIsAnsweredByTheProxyAndTheBodyStillArrives() throws Exception {
    try (RawHttp http = new RawHttp(mesh.caller().outboundHttpAddress())) {
      http.send("PUT /expect HTTP/1.1\r\nHost: catalog\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
      http.send("12345");
      RawHttp.Response response = http.read(); // skips the 100 Continue
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).contains("method=PUT", "bytes=5");
    }
  }

  @Test
  void headResponseKeepsItsContentLengthAndCarriesNoBody() throws Exception {
    try (RawHttp http = new RawHttp(mesh.caller().outboundHttpAddress())) {
      http.send("HEAD /head HTTP/1.1\r\nHost: catalog\r\n\r\n");
      RawHttp.Response head = http.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("content-length")).isNotNull();
      http.send("GET /after-head HTTP/1.1\r\nHost: catalog\r\n\r\n");
      assertThat(http.read().body()).contains("uri=/after-head");
    }
  }

  @Test
  void bodyOfARefusedRequestIsDiscardedAndTheConnectionServesTheNextOne() throws Exception {
    try (RawHttp http = new RawHttp(mesh.caller().outboundHttpAddress())) {
      http.send(
          "POST /x HTTP/1.1\r\nHost: nosuch\r\nContent-Length: 10\r\n\r\n0123456789"
              + "POST /y HTTP/1.1\r\nHost: nosuch\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
              + "GET /z HTTP/1.1\r\nHost: catalog\r\n\r\n");
      assertThat(http.read().status()).isEqualTo(404);
      assertThat(http.read().status()).isEqualTo(404);
      assertThat(http.read().body()).contains("uri=/z");
    }
  }

  static String readAll(java.io.InputStream in) throws java.io.IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
