package dev.trellis.proxy.http2;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.UpstreamPort;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.testing.H2Client;
import dev.trellis.proxy.testing.NettyTestServer;
import dev.trellis.proxy.testing.RawHttp;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.proxy.testing.TestH2App;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP/2 applications behind sidecars, called in HTTP/2 (Netty client) and in HTTP/1.1. */
class Http2ThroughSidecarsTest {
  static final ServiceKey API = ServiceKey.of("api");
  static NettyTestServer app;
  static SidecarProxy callee;
  static SidecarProxy caller;

  @BeforeAll
  static void start() throws Exception {
    app = TestH2App.start("api-1");
    callee = Sidecars.serving(API, app.port());
    caller = Sidecars.calling(UpstreamPort.of(API));
    Sidecars.apply(List.of(service("api", AppProtocol.HTTP2, endpointOf("a1", callee))), caller, callee);
  }

  @AfterAll
  static void stop() {
    caller.close();
    callee.close();
    app.close();
  }

  @Test
  void h2ClientThroughAnUpstreamPortGetsHeadersBodyAndTrailers() throws Exception {
    try (H2Client client = new H2Client(caller.upstreamAddress(API))) {
      H2Client.Response response = client.send("POST", "/items?q=1", "api", "payload");
      assertThat(response.headers().status().toString()).isEqualTo("200");
      assertThat(response.headers().get("x-app").toString()).isEqualTo("api-1");
      assertThat(response.body()).contains("method=POST", "path=/items?q=1", "bytes=7", "authority=api");
      assertThat(response.trailers().get("x-h2-trailer").toString()).isEqualTo("done-api-1");
      assertThat(response.headers().names()).noneMatch(n -> n.toString().startsWith("x-http2"));
    }
  }

  @Test
  void manyConcurrentStreamsOnOneConnection() throws Exception {
    try (H2Client client = new H2Client(caller.upstreamAddress(API))) {
      List<CompletableFuture<H2Client.Response>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String path = "/c" + i;
        calls.add(CompletableFuture.supplyAsync(() -> {
          try {
            return client.send("GET", path, "api", null);
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        }));
      }
      for (int i = 0; i < calls.size(); i++) {
        assertThat(calls.get(i).get().body()).contains("path=/c" + i);
      }
    }
  }

  @Test
  void http1ClientReachesAnHttp2AppWithTrailersAsChunkedTrailers() throws Exception {
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      http.send("GET /from-h1 HTTP/1.1\r\nHost: api\r\n\r\n");
      RawHttp.Response response = http.read();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).contains("path=/from-h1", "authority=api");
      assertThat(response.trailers()).containsEntry("x-h2-trailer", "done-api-1");
      http.send("GET /again HTTP/1.1\r\nHost: api\r\n\r\n");
      assertThat(http.read().body()).contains("path=/again");
    }
  }
}
