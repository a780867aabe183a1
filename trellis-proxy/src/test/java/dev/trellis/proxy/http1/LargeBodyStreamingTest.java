package dev.trellis.proxy.http1;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.testing.Patterns;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.proxy.testing.TestHttpApp;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies larger than the test JVM's heap and direct-memory limits (see the surefire argLine:
 * 256 MiB heap, 128 MiB direct) pass through two sidecars intact, which they could not if any hop
 * aggregated them.
 */
class LargeBodyStreamingTest {
  static final long SIZE = 256L * 1024 * 1024;

  static TestHttpApp app;
  static SidecarProxy callee;
  static SidecarProxy caller;
  static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    app = TestHttpApp.start("blob");
    callee = Sidecars.serving(ServiceKey.of("blob"), app.port());
    caller = Sidecars.calling();
    Sidecars.apply(List.of(service("blob", AppProtocol.HTTP, endpointOf("b1", callee))), caller, callee);
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(ProxySelector.of(caller.outboundHttpAddress()))
            .build();
  }

  @AfterAll
  static void stop() {
    caller.close();
    callee.close();
    app.close();
  }

  @Test
  void uploadOf256MiBStreamsThroughBothSidecars() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://blob/upload"))
            .timeout(Duration.ofSeconds(120))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> Patterns.stream(SIZE)))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("bytes=" + SIZE, "crc=" + Patterns.crc(SIZE));
  }

  @Test
  void downloadOf256MiBStreamsThroughBothSidecars() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://blob/bytes/" + SIZE)).timeout(Duration.ofSeconds(120)).build();
    HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValueAsLong("content-length")).hasValue(SIZE);
    CRC32 crc = new CRC32();
    long total = 0;
    try (InputStream in = response.body()) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        crc.update(buffer, 0, n);
        total += n;
      }
    }
    assertThat(total).isEqualTo(SIZE);
    assertThat(crc.getValue()).isEqualTo(Patterns.crc(SIZE));
  }
}
