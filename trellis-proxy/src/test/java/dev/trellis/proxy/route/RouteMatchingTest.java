package dev.trellis.proxy.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.mesh.ServiceKey;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import dev.trellis.config.route.RouteFilter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Precedence and matching of compiled route tables, without sockets. */
class RouteMatchingTest {
  static final String RULES = """
          - matches: [{path: {type: RegularExpression, value: "/v2/.*"}}]
            backendRefs: [{name: regex}]
          - matches: [{path: {type: PathPrefix, value: /v2}}]
            backendRefs: [{name: prefix}]
          - matches: [{path: {type: PathPrefix, value: /v2/items/}}]
            backendRefs: [{name: longer-prefix}]
          - matches: [{path: {type: Exact, value: /v2/items}}]
            backendRefs: [{name: exact}]
          - matches: [{path: {type: PathPrefix, value: /m}, method: POST}]
            backendRefs: [{name: post}]
          - matches: [{path: {type: PathPrefix, value: /m}}]
            backendRefs: [{name: any-method}]
          - matches: [{path: {type: PathPrefix, value: /h}, headers: [{name: X-A, value: "1"}, {name: x-b, type: RegularExpression, value: "[0-9]+"}]}]
            backendRefs: [{name: two-headers}]
          - matches: [{path: {type: PathPrefix, value: /h}, headers: [{name: x-a, value: "1"}]}]
            backendRefs: [{name: one-header}]
          - matches: [{path: {type: PathPrefix, value: /q}, queryParams: [{name: v, value: beta}]}]
            backendRefs: [{name: query}]
    """;

  static List<RouteEntry> entries(String yaml) {
    return RouteYaml.tables(yaml).get(ServiceKey.of("catalog")).http(8080);
  }

  static String route(List<RouteEntry> entries, HttpRequest request) {
    RouteRequest seen = new RouteRequest(request);
    for (RouteEntry entry : entries) {
      if (entry.matcher().matches(seen)) {
        return entry.rule().backends().all().get(0).name();
      }
    }
    return "none";
  }

  static HttpRequest get(String uri, String... headers) {
    HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    for (int i = 0; i < headers.length; i += 2) {
      request.headers().add(headers[i], headers[i + 1]);
    }
    return request;
  }

  final List<RouteEntry> table = entries(RouteYaml.httpRoute("r", "catalog", RULES));

  @Test
  void exactBeatsLongerPrefixBeatsShorterPrefixBeatsRegex() {
    assertThat(route(table, get("/v2/items"))).isEqualTo("exact");
    assertThat(route(table, get("/v2/items/7"))).isEqualTo("longer-prefix");
    assertThat(route(table, get("/v2/other"))).isEqualTo("prefix");
    assertThat(route(table, get("/v2"))).isEqualTo("prefix");
  }

  @Test
  void prefixMatchesWholeSegmentsOnly() {
    assertThat(route(table, get("/v2x"))).isEqualTo("none");
    assertThat(route(table, get("/v2/"))).isEqualTo("prefix");
    assertThat(route(table, get("/v2?x=1"))).isEqualTo("prefix");
  }

  @Test
  void methodMatchComesBeforeAnyMethod() {
    HttpRequest post = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/m");
    assertThat(route(table, post)).isEqualTo("post");
    assertThat(route(table, get("/m"))).isEqualTo("any-method");
  }

  @Test
  void moreHeaderMatchesWinAndNamesAreCaseInsensitive() {
    assertThat(route(table, get("/h", "x-a", "1", "X-B", "42"))).isEqualTo("two-headers");
    assertThat(route(table, get("/h", "X-A", "1", "x-b", "4x"))).isEqualTo("one-header");
    assertThat(route(table, get("/h", "x-a", "2"))).isEqualTo("none");
  }

  @Test
  void queryParamsMatchExactly() {
    assertThat(route(table, get("/q?a=1&v=beta"))).isEqualTo("query");
    assertThat(route(table, get("/q?V=beta"))).isEqualTo("none");
  }

  @Test
  void regexMatchesTheWholePathWhenNoPrefixApplies() {
    String onlyRegex = RouteYaml.httpRoute("r", "catalog", """
          - matches: [{path: {type: RegularExpression, value: "/items/[0-9]+"}}]
            backendRefs: [{name: regex}]
        """);
    List<RouteEntry> entries = entries(onlyRegex);
    assertThat(route(entries, get("/items/12"))).isEqualTo("regex");
    assertThat(route(entries, get("/items/12/x"))).isEqualTo("none");
  }

  @Test
  void tiesGoToTheRouteFirstByName() {
    String rule = """
          - backendRefs: [{name: %s}]
        """;
    String yaml = RouteYaml.httpRoute("zeta", "catalog", rule.formatted("from-zeta"))
        + "---\n" + RouteYaml.httpRoute("alpha", "catalog", rule.formatted("from-alpha"));
    assertThat(route(entries(yaml), get("/anything"))).isEqualTo("from-alpha");
  }

  @Test
  void grpcMethodMatchesServiceAndMethod() {
    String yaml = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata:
          name: echo
        spec:
          parentRefs: [{kind: Service, name: catalog}]
          rules:
            - matches: [{method: {service: test.Echo}}]
              backendRefs: [{name: service-only}]
            - matches: [{method: {service: test.Echo, method: Unary}}]
              backendRefs: [{name: exact}]
            - matches: [{method: {type: RegularExpression, method: "Sp.*"}}]
              backendRefs: [{name: regex}]
        """;
    List<RouteEntry> entries = RouteYaml.tables(yaml).get(ServiceKey.of("catalog")).grpc(8080);
    assertThat(route(entries, get("/test.Echo/Unary"))).isEqualTo("exact");
    assertThat(route(entries, get("/test.Echo/Join"))).isEqualTo("service-only");
    assertThat(route(entries, get("/other.Svc/Split"))).isEqualTo("regex");
    assertThat(route(entries, get("/other.Svc/Join"))).isEqualTo("none");
  }

  @Test
  void weightsDrawByTicketAndNeverPickZero() {
    String yaml = RouteYaml.httpRoute("r", "catalog", """
          - backendRefs: [{name: a, weight: 3}, {name: zero, weight: 0}, {name: b, weight: 1}]
        """);
    WeightedBackends backends = entries(yaml).get(0).rule().backends();
    assertThat(List.of(0, 1, 2, 3).stream().map(t -> backends.pick(t).name()).toList())
        .containsExactly("a", "a", "a", "b");
    String allZero = RouteYaml.httpRoute("r", "catalog", """
          - backendRefs: [{name: a, weight: 0}]
        """);
    assertThat(entries(allZero).get(0).rule().backends().pick()).isNull();
  }

  @Test
  void replacePrefixMatchKeepsTheRestOfThePath() {
    dev.trellis.config.route.PathModifier toNew =
        new dev.trellis.config.route.PathModifier(dev.trellis.config.route.PathModifier.Type.REPLACE_PREFIX_MATCH, "/new");
    dev.trellis.config.route.PathModifier toRoot =
        new dev.trellis.config.route.PathModifier(dev.trellis.config.route.PathModifier.Type.REPLACE_PREFIX_MATCH, "/");
    assertThat(PathRewrites.modify("/old/a/b", toNew, "/old")).isEqualTo("/new/a/b");
    assertThat(PathRewrites.modify("/old", toNew, "/old")).isEqualTo("/new");
    assertThat(PathRewrites.modify("/old/a", toRoot, "/old")).isEqualTo("/a");
    assertThat(PathRewrites.modify("/old", toRoot, "/old")).isEqualTo("/");
  }

  @Test
  void redirectLocationTakesMissingPartsFromTheRequest() {
    RouteRequest seen = new RouteRequest(get("/a?x=1", "host", "catalog:8080"));
    assertThat(location(new RouteFilter.RequestRedirect(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 302), seen))
        .isEqualTo("http://catalog:8080/a?x=1");
    assertThat(location(new RouteFilter.RequestRedirect(
        Optional.of("https"), Optional.of("shop.example"), Optional.empty(), Optional.empty(), 302), seen))
        .isEqualTo("https://shop.example/a?x=1");
    assertThat(location(new RouteFilter.RequestRedirect(
        Optional.of("https"), Optional.empty(), Optional.empty(), Optional.of(8443), 308), seen))
        .isEqualTo("https://catalog:8443/a?x=1");
    assertThat(location(new RouteFilter.RequestRedirect(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(80), 302), seen))
        .isEqualTo("http://catalog/a?x=1");
  }

  static String location(RouteFilter.RequestRedirect filter, RouteRequest seen) {
    io.netty.handler.codec.http.FullHttpResponse response = PathRewrites.redirect(filter, seen, null);
    try {
      assertThat(response.status().code()).isEqualTo(filter.statusCode());
      return response.headers().get("location");
    } finally {
      response.release();
    }
  }
}
