package dev.trellis.proxy.balancing;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.balance.BalancerConfig;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.testing.RawHttp;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.proxy.testing.TestHttpApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three replicas, each behind its own sidecar, balanced by the caller's sidecar. */
class BalancingAcrossReplicasTest {
  static final ServiceKey CATALOG = ServiceKey.of("catalog");
  static final List<TestHttpApp> apps = new ArrayList<>();
  static final List<SidecarProxy> callees = new ArrayList<>();
  static SidecarProxy caller;

  @BeforeAll
  static void start() throws Exception {
    for (int i = 1; i <= 3; i++) {
      TestHttpApp app = TestHttpApp.start("catalog-" + i);
      apps.add(app);
      callees.add(Sidecars.serving(CATALOG, app.port()));
    }
    caller = Sidecars.calling();
  }

  @AfterAll
  static void stop() {
    caller.close();
    callees.forEach(SidecarProxy::close);
    apps.forEach(TestHttpApp::close);
  }

  void applyBalancer(BalancerConfig balancer) {
    List<SidecarProxy> all = new ArrayList<>(callees);
    all.add(caller);
    Sidecars.apply(
        List.of(
            service(
                "catalog",
                AppProtocol.HTTP,
                balancer,
                endpointOf("c1", callees.get(0)),
                endpointOf("c2", callees.get(1)),
                endpointOf("c3", callees.get(2)))),
        all.toArray(SidecarProxy[]::new));
  }

  Map<String, Integer> spread(int requests, String extraHeader) throws Exception {
    Map<String, Integer> counts = new TreeMap<>();
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      for (int i = 0; i < requests; i++) {
        http.send("GET /r" + i + " HTTP/1.1\r\nHost: catalog\r\n" + extraHeader + "\r\n");
        RawHttp.Response response = http.read();
        assertThat(response.status()).isEqualTo(200);
        counts.merge(response.header("x-app"), 1, Integer::sum);
      }
    }
    return counts;
  }

  @Test
  void roundRobinSpreadsEvenly() throws Exception {
    applyBalancer(new BalancerConfig(BalancerConfig.Kind.ROUND_ROBIN, null, null, false));
    assertThat(spread(30, "")).isEqualTo(Map.of("catalog-1", 10, "catalog-2", 10, "catalog-3", 10));
  }

  @Test
  void consistentHashOnAHeaderSticksToOneReplica() throws Exception {
    applyBalancer(new BalancerConfig(BalancerConfig.Kind.CONSISTENT_HASH, "x-user", null, false));
    assertThat(spread(10, "x-user: alice\r\n")).hasSize(1).containsValue(10);
  }
}
