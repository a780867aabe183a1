package dev.trellis.config;

import static dev.trellis.config.Texts.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.config.route.GrpcMethodMatch;
import dev.trellis.config.route.GrpcRouteMatch;
import dev.trellis.config.route.GrpcRouteRule;
import dev.trellis.config.route.GrpcRouteSpec;
import dev.trellis.config.route.HeaderEdits;
import dev.trellis.config.route.HeaderMatch;
import dev.trellis.config.route.HeaderValue;
import dev.trellis.config.route.ParentRef;
import dev.trellis.config.route.RouteFilter;
import dev.trellis.config.route.StringMatchType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrpcRouteConfigTest {

  @Test
  void readsFullExample() throws ConfigException {
    Resource route = Texts.loadExample("grpc-routes.yaml").get(0);
    GrpcRouteSpec spec = route.spec(GrpcRouteSpec.class);

    assertThat(spec.parentRefs()).containsExactly(new ParentRef("core", "Service", "shop",
        "catalog", Optional.of("grpc"), Optional.empty()));
    assertThat(spec.hostnames()).isEmpty();
    GrpcRouteRule beta = spec.rules().get(0);
    assertThat(beta.name()).contains("beta");
    assertThat(beta.matches()).containsExactly(
        new GrpcRouteMatch(Optional.of(new GrpcMethodMatch(StringMatchType.EXACT,
            Optional.of("shop.v1.Catalog"), Optional.of("GetItem"))),
            List.of(new HeaderMatch(StringMatchType.EXACT, "x-beta", "true"))),
        new GrpcRouteMatch(Optional.of(new GrpcMethodMatch(StringMatchType.REGULAR_EXPRESSION,
            Optional.of("shop\\.v1\\..*"), Optional.empty())), List.of()));
    assertThat(beta.filters()).containsExactly(new RouteFilter.ResponseHeaderModifier(
        new HeaderEdits(List.of(), List.of(new HeaderValue("x-served-by", "v2")), List.of())));
    assertThat(beta.backendRefs()).extracting(b -> b.name() + ":" + b.port().orElseThrow()
        + "@" + b.weight()).containsExactly("catalog-v2:9090@1");
    assertThat(spec.rules().get(1).matches()).isEmpty();
    assertThat(route.spec().references()).extracting(Reference::role, r -> r.target().name())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Reference.Role.PARENT, "catalog"),
            org.assertj.core.groups.Tuple.tuple(Reference.Role.BACKEND, "catalog-v2"),
            org.assertj.core.groups.Tuple.tuple(Reference.Role.BACKEND, "catalog"));
  }

  @Test
  void refusesBadMethodMatchesAndHttpOnlyFilters() {
    assertThat(errors("g.yaml", """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: g}
        spec:
          parentRefs: [{kind: Service, name: catalog}]
          rules:
            - matches:
                - method: {type: Exact}
                - method: {service: "shop.v1/Catalog", method: "Get-Item"}
                - method: {type: RegularExpression, method: "(("}
              filters:
                - type: URLRewrite
                  urlRewrite: {hostname: x}
        """)).containsExactly(
        "g.yaml:8: spec.rules[0].matches[0].method: neither service nor method (expected: at"
            + " least one of service and method)",
        "g.yaml:9: spec.rules[0].matches[1].method.service: shop.v1/Catalog (expected: a fully"
            + " qualified gRPC service name such as shop.v1.Catalog)",
        "g.yaml:9: spec.rules[0].matches[1].method.method: Get-Item (expected: a gRPC method"
            + " name such as GetItem)",
        "g.yaml:10: spec.rules[0].matches[2].method.method: (( (expected: a valid regular"
            + " expression)",
        "g.yaml:12: spec.rules[0].filters[0].type: URLRewrite (expected: one of"
            + " RequestHeaderModifier, ResponseHeaderModifier, RequestMirror)");
  }

  @Test
  void refusesRoutesWithoutParentsOrRules() {
    assertThat(errors("g.yaml", """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: g, namespace: shop}
        spec:
          hostnames: ["*.shop", "Bad_Host"]
        """)).containsExactly(
        "g.yaml:4: spec.parentRefs: missing (expected: a list of 1..32 items)",
        "g.yaml:4: spec.rules: missing (expected: a list of 1..16 items)",
        "g.yaml:5: spec.hostnames[1]: Bad_Host (expected: a host name such as api.example.com"
            + " or *.example.com)");
  }
}
