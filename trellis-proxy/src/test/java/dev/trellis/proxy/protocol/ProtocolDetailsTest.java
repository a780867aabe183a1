package dev.trellis.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.testing.HttpAppBehindSidecars;
import dev.trellis.proxy.testing.RawHttp;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the application sees of a request matches what the caller sent, minus what was meant for
 * the proxy: a request without a body arrives without one (no empty chunked body), host names
 * match whatever their case, and {@code Proxy-*} headers stop at the proxy.
 */
class ProtocolDetailsTest {
  static HttpAppBehindSidecars mesh;

  @BeforeAll
  static void start() throws Exception {
    mesh = HttpAppBehindSidecars.start();
  }

  @AfterAll
  static void stop() {
    mesh.close();
  }

  private static HttpHeaders lastSeen() {
    List<HttpHeaders> seen = mesh.app().requestHeaders();
    return seen.get(seen.size() - 1);
  }

  @Test
  void aRequestWithoutBodyReachesTheAppWithoutChunking() throws Exception {
    try (RawHttp http = new RawHttp(mesh.caller().outboundHttpAddress())) {
      http.send("GET /plain HTTP/1.1\r\nHost: catalog\r\n\r\n");
      RawHttp.Response response = http.read();
      assertThat(response.status()).isEqualTo(200);
      assertThat(lastSeen().get("transfer-encoding")).isNull();
      // The connection goes on serving: the decoder's empty end of the request was dropped, not
      // taken for a second request.
      http.send("POST /sized HTTP/1.1\r\nHost: catalog\r\nContent-Length: 3\r\n\r\nabc");
      assertThat(http.read().body()).contains("uri=/sized").contains("bytes=3");
    }
  }

  @Test
  void hostNamesMatchWhateverTheirCaseAndATrailingDot() throws Exception {
    try (RawHttp http = new RawHttp(mesh.caller().outboundHttpAddress())) {
      http.send("GET /a HTTP/1.1\r\nHost: CataLog.Default.\r\n\r\n");
      assertThat(http.read().status()).isEqualTo(200);
      http.send("GET /b HTTP/1.1\r\nHost: CATALOG:8080\r\n\r\n");
      assertThat(http.read().status()).isEqualTo(200);
    }
  }

  @Test
  void proxyHeadersStopAtTheProxy() throws Exception {
    try (RawHttp http = new RawHttp(mesh.caller().outboundHttpAddress())) {
      http.send(
          "GET /secret HTTP/1.1\r\nHost: catalog\r\nProxy-Authorization: Basic c2VjcmV0\r\n"
              + "Proxy-Connection: keep-alive\r\nKeep-Alive: timeout=5\r\nx-kept: yes\r\n\r\n");
      assertThat(http.read().status()).isEqualTo(200);
    }
    HttpHeaders seen = lastSeen();
    assertThat(seen.get("x-kept")).isEqualTo("yes");
    assertThat(seen.names()).noneMatch(name -> name.toLowerCase().startsWith("proxy-"));
    assertThat(seen.get("keep-alive")).isNull();
  }
}
