package dev.trellis.proxy.http1;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.SidecarConfig;
import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.inbound.LocalApp;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.proxy.testing.TestHttpApp;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Many requests at once from many connections, with two event loops per sidecar: every request
 * must arrive whole at the app and its answer come back to the right caller.
 */
class ConcurrencyTest {
  @Test
  void twoHundredConcurrentUploadsArriveWholeAndAnswerTheirOwnCaller() throws Exception {
    try (TestHttpApp app = TestHttpApp.start("catalog-1");
        SidecarProxy callee =
            new SidecarProxy(
                    SidecarConfig.of(
                            new LocalApp(ServiceKey.of("catalog"), Map.of(Sidecars.SERVICE_PORT, app.port()), AppProtocol.HTTP))
                        .withIoThreads(2))
                .start();
        SidecarProxy caller =
            new SidecarProxy(
                    SidecarConfig.of(new LocalApp(ServiceKey.of("web"), Map.of(), AppProtocol.HTTP)).withIoThreads(2))
                .start()) {
      Sidecars.apply(List.of(service("catalog", AppProtocol.HTTP, endpointOf("c1", callee))), caller, callee);
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .proxy(ProxySelector.of(caller.outboundHttpAddress()))
              .build();
      List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
      List<byte[]> bodies = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        byte[] body = ("request-" + i + "-").repeat(100 + i * 7).getBytes();
        bodies.add(body);
        calls.add(
            client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://catalog/call/" + i))
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      for (int i = 0; i < calls.size(); i++) {
        HttpResponse<String> response = calls.get(i).get();
        CRC32 crc = new CRC32();
        crc.update(bodies.get(i));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
            .contains("uri=/call/" + i + "\n", "bytes=" + bodies.get(i).length, "crc=" + crc.getValue());
      }
    }
  }
}
