package dev.trellis.config;

import static dev.trellis.config.Texts.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.config.route.BackendRef;
import dev.trellis.config.route.HeaderEdits;
import dev.trellis.config.route.HeaderMatch;
import dev.trellis.config.route.HeaderValue;
import dev.trellis.config.route.HttpRouteMatch;
import dev.trellis.config.route.HttpRouteRule;
import dev.trellis.config.route.HttpRouteSpec;
import dev.trellis.config.route.ParentRef;
import dev.trellis.config.route.PathMatch;
import dev.trellis.config.route.PathMatchType;
import dev.trellis.config.route.PathModifier;
import dev.trellis.config.route.QueryParamMatch;
import dev.trellis.config.route.RouteFilter;
import dev.trellis.config.route.RouteRetry;
import dev.trellis.config.route.RouteTimeouts;
import dev.trellis.config.route.StringMatchType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpRouteConfigTest {
  private static final String HEAD = """
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata: {name: r}
      spec:
        parentRefs: [{kind: Service, name: catalog}]
      """;

  @Test
  void readsFullExample() throws ConfigException {
    Resource route = Texts.loadExample("routes.yaml").get(0);
    HttpRouteSpec spec = route.spec(HttpRouteSpec.class);

    assertThat(route.key()).isEqualTo(
        new ResourceKey(ResourceKind.HTTP_ROUTE, "shop", "catalog-split"));
    assertThat(spec.parentRefs()).containsExactly(new ParentRef("", "Service", "shop", "catalog",
        Optional.empty(), Optional.of(8080)));
    assertThat(spec.hostnames()).containsExactly("catalog.shop");
    assertThat(spec.rules()).hasSize(3);

    HttpRouteRule admin = spec.rules().get(0);
    assertThat(admin.name()).contains("admin");
    assertThat(admin.matches()).containsExactly(new HttpRouteMatch(
        new PathMatch(PathMatchType.EXACT, "/admin"),
        List.of(new HeaderMatch(StringMatchType.EXACT, "x-debug", "1")),
        List.of(new QueryParamMatch(StringMatchType.REGULAR_EXPRESSION, "v", "[0-9]+")),
        Optional.of("POST")));
    assertThat(admin.filters()).containsExactly(new RouteFilter.RequestRedirect(
        Optional.of("https"), Optional.empty(),
        Optional.of(new PathModifier(PathModifier.Type.REPLACE_FULL_PATH, "/closed")),
        Optional.empty(), 301));
    assertThat(admin.backendRefs()).isEmpty();
    assertThat(admin.timeouts()).isEqualTo(RouteTimeouts.NONE);
    assertThat(admin.retry()).isEmpty();

    HttpRouteRule split = spec.rules().get(1);
    assertThat(split.matches()).extracting(HttpRouteMatch::path)
        .containsExactly(new PathMatch(PathMatchType.PATH_PREFIX, "/api"));
    assertThat(split.filters()).containsExactly(
        new RouteFilter.RequestHeaderModifier(new HeaderEdits(
            List.of(new HeaderValue("x-route", "split")), List.of(), List.of("x-internal"))),
        new RouteFilter.RequestMirror(new BackendRef("", "Service", "shop", "catalog-shadow",
            Optional.of(8080), 1, List.of()), 5));
    assertThat(split.backendRefs()).containsExactly(
        new BackendRef("", "Service", "shop", "catalog", Optional.of(8080), 90, List.of()),
        new BackendRef("", "Service", "shop", "catalog-v2", Optional.of(8080), 10, List.of()));
    assertThat(split.timeouts()).isEqualTo(new RouteTimeouts(
        Optional.of(Duration.ofSeconds(10)), Optional.of(Duration.ofSeconds(2))));
    assertThat(split.retry()).contains(
        new RouteRetry(List.of(502, 503), Optional.of(2), Optional.of(Duration.ofMillis(100))));

    HttpRouteRule fallback = spec.rules().get(2);
    assertThat(fallback.matches()).containsExactly(HttpRouteMatch.EVERY_REQUEST);
    assertThat(fallback.backendRefs().get(0).weight()).isEqualTo(1);
    assertThat(fallback.backendRefs().get(0).port()).isEmpty();
  }

  @Test
  void referencesNameParentsBackendsAndMirrorsWithTheirLines() throws ConfigException {
    Resource route = Texts.loadExample("routes.yaml").get(0);

    assertThat(route.spec().references()).containsExactly(
        ref("spec.parentRefs[0]", 9, "catalog", Reference.Role.PARENT),
        ref("spec.rules[1].filters[1].requestMirror.backendRef", 49, "catalog-shadow",
            Reference.Role.BACKEND),
        ref("spec.rules[1].backendRefs[0]", 54, "catalog", Reference.Role.BACKEND),
        ref("spec.rules[1].backendRefs[1]", 57, "catalog-v2", Reference.Role.BACKEND),
        ref("spec.rules[2].backendRefs[0]", 69, "catalog", Reference.Role.BACKEND));
  }

  private static Reference ref(String path, int line, String service, Reference.Role role) {
    return new Reference(path, line, new ResourceKey(ResourceKind.SERVICE, "shop", service), role);
  }

  @Test
  void refusesBadWeightWithTheDesignsExactMessage() {
    assertThat(errors("routes.yaml", HEAD + """
          rules:
            - backendRefs:
                - name: catalog
                  weight: 1
                - name: catalog-v2
                  weight: -3
        """)).containsExactly(
        "routes.yaml:11: spec.rules[0].backendRefs[1].weight: -3 (expected: 0..1000000)");
  }

  @Test
  void reportsUnknownFieldsWithWhatIsKnown() {
    assertThat(errors("r.yaml", HEAD + """
          rules:
            - matchs:
                - path: {value: /a}
        """)).containsExactly("r.yaml:7: spec.rules[0].matchs: unknown field"
        + " (expected: one of matches, filters, backendRefs, timeouts, name, retry)");
  }

  @Test
  void refusesGatewayParentsAndBadMatches() {
    assertThat(errors("r.yaml", """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: r}
        spec:
          parentRefs:
            - name: my-gateway
          rules:
            - matches:
                - path: {type: Exact, value: api}
                - path: {type: RegularExpression, value: "/a(b"}
                  method: FETCH
                - headers:
                    - {name: "bad header", value: x}
                    - {type: Regex, name: x, value: y}
        """)).containsExactly(
        "r.yaml:6: spec.parentRefs[0].kind: missing (expected: Service: Trellis routes attach"
            + " to services, as in the Gateway API mesh (GAMMA) profile; Gateway, the Gateway"
            + " API default, is not supported)",
        "r.yaml:9: spec.rules[0].matches[0].path.value: api (expected: a path starting"
            + " with \"/\")",
        "r.yaml:10: spec.rules[0].matches[1].path.value: /a(b (expected: a valid regular"
            + " expression)",
        "r.yaml:11: spec.rules[0].matches[1].method: FETCH (expected: one of GET, HEAD, POST,"
            + " PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH)",
        "r.yaml:13: spec.rules[0].matches[2].headers[0].name: bad header (expected: an HTTP"
            + " header name (letters, digits and !#$%&'*+-.^_`|~))",
        "r.yaml:14: spec.rules[0].matches[2].headers[1].type: Regex (expected: one of Exact,"
            + " RegularExpression)");
  }

  @Test
  void refusesFiltersWhoseSettingsDoNotMatchTheirType() {
    assertThat(errors("r.yaml", HEAD + """
          rules:
            - filters:
                - type: RequestRedirect
                  urlRewrite: {hostname: x}
                - type: ExtensionRef
                  extensionRef: {group: x, kind: y, name: z}
                - type: URLRewrite
                  urlRewrite:
                    path: {type: ReplacePrefixMatch, replaceFullPath: /x}
                - type: RequestHeaderModifier
                  requestHeaderModifier: {}
              backendRefs:
                - name: catalog
                  filters:
                    - type: RequestRedirect
                      requestRedirect: {statusCode: 304}
        """)).containsExactly(
        "r.yaml:7: spec.rules[0].filters: RequestRedirect and URLRewrite (expected: at most one"
            + " of RequestRedirect and URLRewrite)",
        "r.yaml:8: spec.rules[0].filters[0].requestRedirect: missing (expected: a mapping, as"
            + " type is RequestRedirect)",
        "r.yaml:9: spec.rules[0].filters[0].urlRewrite: set (expected: only requestRedirect"
            + " when type is RequestRedirect)",
        "r.yaml:10: spec.rules[0].filters[1].type: ExtensionRef (expected: one of"
            + " RequestHeaderModifier, ResponseHeaderModifier, RequestRedirect, URLRewrite,"
            + " RequestMirror (Trellis has no filter extensions))",
        "r.yaml:14: spec.rules[0].filters[2].urlRewrite.path.replaceFullPath: set (expected:"
            + " only replacePrefixMatch when type is ReplacePrefixMatch)",
        "r.yaml:14: spec.rules[0].filters[2].urlRewrite.path.replacePrefixMatch: missing"
            + " (expected: a path starting with \"/\")",
        "r.yaml:16: spec.rules[0].filters[3].requestHeaderModifier: nothing to do (expected: at"
            + " least one of set, add, remove)",
        "r.yaml:21: spec.rules[0].backendRefs[0].filters[0].requestRedirect.statusCode: 304"
            + " (expected: one of 301, 302, 303, 307, 308)");
  }

  @Test
  void refusesBackendRequestTimeoutLongerThanRequestAndBadRetry() {
    assertThat(errors("r.yaml", HEAD + """
          rules:
            - timeouts: {request: 1s, backendRequest: 2s}
              retry: {codes: [500, 200], attempts: -1, backoff: 1sec}
        """)).containsExactly(
        "r.yaml:7: spec.rules[0].timeouts.backendRequest: 2s (expected: at most the request"
            + " timeout)",
        "r.yaml:8: spec.rules[0].retry.codes[1]: 200 (expected: 400..599)",
        "r.yaml:8: spec.rules[0].retry.attempts: -1 (expected: >= 0)",
        "r.yaml:8: spec.rules[0].retry.backoff: 1sec (expected: a duration such as 500ms, 10s,"
            + " 1m or 1h30m)");
  }

  @Test
  void refusesReplacePrefixMatchUnlessEveryMatchIsAPrefix() {
    assertThat(errors("r.yaml", HEAD + """
          rules:
            - matches:
                - path: {type: Exact, value: /old}
              filters:
                - type: URLRewrite
                  urlRewrite:
                    path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}
              backendRefs: [{name: catalog}]
        """)).containsExactly("r.yaml:9: spec.rules[0].filters: ReplacePrefixMatch (expected:"
        + " only in a rule whose matches are all PathPrefix: it replaces the prefix that"
        + " matched)");
  }

  @Test
  void refusesMoreRulesThanTheGatewayApiAllows() {
    StringBuilder rules = new StringBuilder("  rules:\n");
    for (int i = 0; i < 17; i++) {
      rules.append("    - backendRefs: [{name: catalog}]\n");
    }
    assertThat(errors("r.yaml", HEAD + rules)).containsExactly(
        "r.yaml:6: spec.rules: 17 items (expected: a list of 1..16 items)");
  }
}
