package dev.trellis.proxy.mesh;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.testing.RawHttp;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.proxy.testing.TestHttpApp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A new mesh view applies to new requests at once and never fails a request in flight. */
class EndpointChangeTest {
  static TestHttpApp first;
  static TestHttpApp second;
  static SidecarProxy firstSidecar;
  static SidecarProxy secondSidecar;
  static SidecarProxy caller;

  @BeforeAll
  static void start() throws Exception {
    first = TestHttpApp.start("catalog-1");
    second = TestHttpApp.start("catalog-2");
    firstSidecar = Sidecars.serving(ServiceKey.of("catalog"), first.port());
    secondSidecar = Sidecars.serving(ServiceKey.of("catalog"), second.port());
    caller = Sidecars.calling();
  }

  @AfterAll
  static void stop() {
    caller.close();
    firstSidecar.close();
    secondSidecar.close();
    first.close();
    second.close();
  }

  static void route(RegisteredEndpoint... endpoints) {
    Sidecars.apply(List.of(service("catalog", AppProtocol.HTTP, endpoints)), caller, firstSidecar, secondSidecar);
  }

  @Test
  void inFlightRequestFinishesOnItsEndpointAfterTheEndpointIsReplacedAndThenRemoved() throws Exception {
    route(endpointOf("c1", firstSidecar));
    int seen = first.requestHeaders().size();
    try (RawHttp inFlight = new RawHttp(caller.outboundHttpAddress())) {
      inFlight.send("POST /slow HTTP/1.1\r\nHost: catalog\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
      await().atMost(Duration.ofSeconds(5)).until(() -> first.requestHeaders().size() > seen);

      route(endpointOf("c2", secondSidecar));
      try (RawHttp fresh = new RawHttp(caller.outboundHttpAddress())) {
        fresh.send("GET /new HTTP/1.1\r\nHost: catalog\r\n\r\n");
        assertThat(fresh.read().header("x-app")).isEqualTo("catalog-2");
      }

      route();
      try (RawHttp fresh = new RawHttp(caller.outboundHttpAddress())) {
        fresh.send("GET /none HTTP/1.1\r\nHost: catalog\r\n\r\n");
        RawHttp.Response none = fresh.read();
        assertThat(none.status()).isEqualTo(503);
        assertThat(none.header("x-trellis-error")).isEqualTo("no healthy endpoint: catalog (0 registered, 0 healthy)");
      }

      inFlight.send("6\r\n world\r\n0\r\n\r\n");
      RawHttp.Response finished = inFlight.read();
      assertThat(finished.status()).isEqualTo(200);
      assertThat(finished.header("x-app")).isEqualTo("catalog-1");
      assertThat(finished.body()).contains("bytes=11");
    }
  }

  @Test
  void viewVersionFollowsTheAppliedSnapshot() {
    caller.apply(42, List.of());
    assertThat(caller.view().version()).isEqualTo(42);
    assertThat(caller.view().services()).isEmpty();
  }
}
