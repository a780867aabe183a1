package dev.trellis.proxy.route;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.UpstreamPort;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.EndpointHealth;
import dev.trellis.proxy.mesh.ServiceDefinition;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.testing.GrpcEchoApp;
import dev.trellis.proxy.testing.RawHttp;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.proxy.testing.TestHttpApp;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTPRoutes and a GRPCRoute on real sockets: caller sidecar ==h2==> the sidecars of catalog,
 * catalog-v2 and two gRPC echo services, each in front of its own app.
 */
class RoutingThroughSidecarsTest {
  static final ServiceKey CATALOG = ServiceKey.of("catalog");
  static final ServiceKey ECHO = ServiceKey.of("echo");

  static final String ROUTES = RouteYaml.httpRoute("catalog-routes", "catalog", """
          - matches: [{path: {type: PathPrefix, value: /v2}}]
            backendRefs: [{name: catalog-v2, port: 8080}]
          - matches: [{path: {type: Exact, value: /v2/exact}}]
            backendRefs: [{name: catalog}]
          - matches: [{path: {type: PathPrefix, value: /beta}, headers: [{name: X-Canary, value: "yes"}]}]
            backendRefs:
              - name: catalog-v2
                filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: x-test, value: canary}]}}]
          - matches: [{path: {type: PathPrefix, value: /beta}}]
            backendRefs: [{name: catalog}]
          - matches: [{path: {type: PathPrefix, value: /split}}]
            backendRefs: [{name: catalog, weight: 90}, {name: catalog-v2, weight: 10}]
          - matches: [{path: {type: PathPrefix, value: /all}}]
            backendRefs: [{name: catalog, weight: 100}, {name: catalog-v2, weight: 0}]
          - matches: [{path: {type: PathPrefix, value: /headers}}]
            filters:
              - type: RequestHeaderModifier
                requestHeaderModifier: {set: [{name: x-test, value: routed}], remove: [x-drop]}
              - type: ResponseHeaderModifier
                responseHeaderModifier: {add: [{name: x-route, value: catalog-routes}], remove: [x-app]}
            backendRefs: [{name: catalog}]
          - matches: [{path: {type: PathPrefix, value: /old}}]
            filters:
              - type: URLRewrite
                urlRewrite: {hostname: rewritten.example, path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}}
            backendRefs: [{name: catalog-v2}]
          - matches: [{path: {type: Exact, value: /moved}}]
            filters:
              - type: RequestRedirect
                requestRedirect: {path: {type: ReplaceFullPath, replaceFullPath: /here}, statusCode: 301}
          - matches: [{path: {type: PathPrefix, value: /zero}}]
            backendRefs: [{name: catalog, weight: 0}]
          - matches: [{path: {type: PathPrefix, value: /down}}]
            backendRefs: [{name: down}]
          - matches: [{path: {type: PathPrefix, value: /hang}}]
            backendRefs: [{name: catalog}]
            timeouts: {request: 300ms}
        """);

  static final String GRPC_ROUTE = """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: echo-unary
      spec:
        parentRefs: [{kind: Service, name: echo}]
        rules:
          - matches: [{method: {service: test.Echo, method: Unary}}]
            backendRefs: [{name: echo-v2}]
          - backendRefs: [{name: echo}]
      """;

  static TestHttpApp catalogApp;
  static TestHttpApp v2App;
  static GrpcEchoApp echoApp;
  static GrpcEchoApp echoV2App;
  static final List<SidecarProxy> sidecars = new ArrayList<>();
  static SidecarProxy catalog;
  static SidecarProxy catalogV2;
  static SidecarProxy echo;
  static SidecarProxy echoV2;
  static SidecarProxy caller;

  @BeforeAll
  static void start() throws Exception {
    catalogApp = TestHttpApp.start("catalog");
    v2App = TestHttpApp.start("catalog-v2");
    echoApp = GrpcEchoApp.start("echo-1");
    echoV2App = GrpcEchoApp.start("echo-2");
    catalog = Sidecars.serving(CATALOG, catalogApp.port());
    catalogV2 = Sidecars.serving(ServiceKey.of("catalog-v2"), v2App.port());
    echo = Sidecars.serving(ECHO, echoApp.port());
    echoV2 = Sidecars.serving(ServiceKey.of("echo-v2"), echoV2App.port());
    caller = Sidecars.calling(UpstreamPort.of(ECHO));
    sidecars.addAll(List.of(catalog, catalogV2, echo, echoV2, caller));
  }

  @AfterAll
  static void stop() throws Exception {
    sidecars.forEach(SidecarProxy::close);
    catalogApp.close();
    v2App.close();
    echoApp.close();
    echoV2App.close();
  }

  @BeforeEach
  void applyRoutes() {
    apply(ROUTES + "---\n" + GRPC_ROUTE);
  }

  /** The mesh with the routes of {@code yaml} attached (none when null). */
  static void apply(String yaml) {
    Map<ServiceKey, RouteTable> tables = yaml == null ? Map.of() : RouteYaml.tables(yaml);
    List<ServiceDefinition> services = new ArrayList<>();
    for (ServiceDefinition service : List.of(
        service("catalog", AppProtocol.HTTP, endpointOf("c1", catalog)),
        service("catalog-v2", AppProtocol.HTTP, endpointOf("v1", catalogV2)),
        service("down", AppProtocol.HTTP, endpointOf("d1", catalog, EndpointHealth.UNHEALTHY)),
        service("echo", AppProtocol.GRPC, endpointOf("e1", echo)),
        service("echo-v2", AppProtocol.GRPC, endpointOf("e2", echoV2)))) {
      services.add(service.withRoutes(tables.getOrDefault(service.key(), RouteTable.NONE)));
    }
    Sidecars.apply(services, sidecars.toArray(SidecarProxy[]::new));
  }

  static RawHttp.Response get(String path, String... headerLines) throws Exception {
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      http.send("GET " + path + " HTTP/1.1\r\nHost: catalog\r\n" + String.join("", headerLines) + "\r\n");
      return http.read();
    }
  }

  @Test
  void pathPrefixRoutesToAnotherService() throws Exception {
    assertThat(get("/v2/items").header("x-app")).isEqualTo("catalog-v2");
    assertThat(get("/v2x").status()).isEqualTo(404); // a prefix matches whole segments only
  }

  @Test
  void exactPathBeatsPrefix() throws Exception {
    assertThat(get("/v2/exact").header("x-app")).isEqualTo("catalog");
    assertThat(get("/v2/exact/more").header("x-app")).isEqualTo("catalog-v2");
  }

  @Test
  void headerMatchPicksTheCanary() throws Exception {
    RawHttp.Response canary = get("/beta", "x-canary: yes\r\n");
    assertThat(canary.header("x-app")).isEqualTo("catalog-v2");
    assertThat(canary.body()).contains("x-test=canary"); // the backendRef's own filter
    assertThat(get("/beta", "x-canary: no\r\n").header("x-app")).isEqualTo("catalog");
    assertThat(get("/beta").header("x-app")).isEqualTo("catalog");
  }

  @Test
  void weightedSplitSendsAboutNinetyPercentToTheHeavierBackend() throws Exception {
    Map<String, Integer> split = spread("/split", 1000);
    assertThat(split.getOrDefault("catalog", 0)).isBetween(800, 970);
    assertThat(split.getOrDefault("catalog", 0) + split.getOrDefault("catalog-v2", 0)).isEqualTo(1000);
  }

  @Test
  void zeroWeightBackendGetsNothing() throws Exception {
    assertThat(spread("/all", 200)).isEqualTo(Map.of("catalog", 200));
  }

  @Test
  void headerModifiersReachTheAppAndTheCaller() throws Exception {
    int before = catalogApp.requestHeaders().size();
    RawHttp.Response response = get("/headers", "x-test: original\r\n", "x-drop: 1\r\n");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).contains("x-test=routed");
    HttpHeaders seen = catalogApp.requestHeaders().get(before);
    assertThat(seen.get("x-drop")).isNull();
    assertThat(response.header("x-route")).isEqualTo("catalog-routes");
    assertThat(response.header("x-app")).isNull();
  }

  @Test
  void urlRewriteChangesPathAndHostSeenByTheApp() throws Exception {
    RawHttp.Response response = get("/old/items?id=7");
    assertThat(response.header("x-app")).isEqualTo("catalog-v2");
    assertThat(response.body()).contains("uri=/new/items?id=7").contains("host=rewritten.example");
  }

  @Test
  void redirectAnswersWithoutCallingTheApp() throws Exception {
    int before = catalogApp.requestHeaders().size() + v2App.requestHeaders().size();
    RawHttp.Response response = get("/moved?x=1");
    assertThat(response.status()).isEqualTo(301);
    assertThat(response.header("location")).isEqualTo("http://catalog/here?x=1");
    assertThat(catalogApp.requestHeaders().size() + v2App.requestHeaders().size()).isEqualTo(before);
  }

  @Test
  void noRuleMatchedIs404() throws Exception {
    RawHttp.Response response = get("/x?q=1");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.header("x-trellis-error")).isEqualTo("no route matched: catalog GET /x");
  }

  @Test
  void backendFailuresNameTheRouteAndBackend() throws Exception {
    RawHttp.Response zero = get("/zero");
    assertThat(zero.status()).isEqualTo(500);
    assertThat(zero.header("x-trellis-error"))
        .isEqualTo("no backend: route default/catalog-routes rule 9 has no backend with weight > 0");
    RawHttp.Response down = get("/down");
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.header("x-trellis-error"))
        .isEqualTo("no healthy endpoint: down (1 registered, 0 healthy; route default/catalog-routes rule 10)");
  }

  @Test
  void ruleTimeoutAnswers504() throws Exception {
    RawHttp.Response response = get("/hang");
    assertThat(response.status()).isEqualTo(504);
    assertThat(response.header("x-trellis-error"))
        .startsWith("request timeout: catalog 127.0.0.1:")
        .endsWith("(route default/catalog-routes rule 11) after 300ms");
  }

  @Test
  void routesAddedAndRemovedBySnapshotsApplyWithoutFailingRequestsInFlight() throws Exception {
    apply(null);
    int seen = catalogApp.requestHeaders().size();
    try (RawHttp inFlight = new RawHttp(caller.outboundHttpAddress())) {
      inFlight.send("POST /slow HTTP/1.1\r\nHost: catalog\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
      await().atMost(Duration.ofSeconds(5)).until(() -> catalogApp.requestHeaders().size() > seen);

      applyRoutes();
      assertThat(get("/slow").status()).isEqualTo(404);
      assertThat(get("/v2/a").header("x-app")).isEqualTo("catalog-v2");

      apply(null);
      assertThat(get("/v2/a").header("x-app")).isEqualTo("catalog");
      assertThat(get("/slow").status()).isEqualTo(200);

      inFlight.send("6\r\n world\r\n0\r\n\r\n");
      RawHttp.Response finished = inFlight.read();
      assertThat(finished.status()).isEqualTo(200);
      assertThat(finished.header("x-app")).isEqualTo("catalog");
      assertThat(finished.body()).contains("bytes=11");
    }
  }

  @Test
  void grpcRouteSendsOneMethodToAnotherService() throws Exception {
    InetSocketAddress address = caller.upstreamAddress(ECHO);
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(address.getHostString(), address.getPort()).usePlaintext().build();
    try {
      CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS);
      assertThat(ClientCalls.blockingUnaryCall(channel, GrpcEchoApp.UNARY, options, "hi")).isEqualTo("echo-2:hi");
      List<String> words = new ArrayList<>();
      ClientCalls.blockingServerStreamingCall(channel, GrpcEchoApp.SPLIT, options, "a b").forEachRemaining(words::add);
      assertThat(words).containsExactly("a", "b");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  static Map<String, Integer> spread(String path, int requests) throws Exception {
    Map<String, Integer> counts = new TreeMap<>();
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      for (int i = 0; i < requests; i++) {
        http.send("GET " + path + " HTTP/1.1\r\nHost: catalog\r\n\r\n");
        RawHttp.Response response = http.read();
        assertThat(response.status()).isEqualTo(200);
        counts.merge(response.header("x-app"), 1, Integer::sum);
      }
    }
    return counts;
  }
}
