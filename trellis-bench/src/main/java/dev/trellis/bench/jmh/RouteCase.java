package dev.trellis.bench.jmh;

import static dev.trellis.bench.jmh.CycledRequest.get;
import static dev.trellis.bench.jmh.CycledRequest.grpc;
import static dev.trellis.bench.jmh.CycledRequest.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The route tables {@link RouteMatchBenchmark} measures, each with the requests it cycles through
 * (hits in several places of the table, and misses, which scan all of it and are answered 404).
 */
public enum RouteCase {
  /** A service with no route attached: every request passes through to the service itself. */
  NO_ROUTES {
    @Override
    RouteFixture fixture() {
      List<CycledRequest> requests = catalogRequests().stream()
          .map(r -> new CycledRequest(r.method(), r.uri(), r.headers(), Set.of("catalog")))
          .toList();
      return RouteFixture.of("catalog", 8080, "http", List.of(), "", requests);
    }
  },

  /**
   * Ten rules on one service, as a team writes them: Exact, PathPrefix and RegularExpression
   * paths, a method, header (exact and regex) and query matches, a 90/10 weighted split, a header
   * modifier and a prefix rewrite.
   */
  TEN_RULES {
    @Override
    RouteFixture fixture() {
      String rules = """
              - matches: [{path: {type: Exact, value: /api/v1/items}}]
                backendRefs: [{name: catalog}]
              - matches: [{path: {type: PathPrefix, value: /api/v1/items}}]
                backendRefs: [{name: catalog, weight: 90}, {name: catalog-v2, weight: 10}]
              - matches: [{path: {type: PathPrefix, value: /api/v1/search}, headers: [{name: x-canary, value: "true"}]}]
                backendRefs: [{name: catalog-canary}]
              - matches: [{path: {type: PathPrefix, value: /api/v1/search}}]
                backendRefs: [{name: search}]
              - matches: [{path: {type: PathPrefix, value: /api/v2}, queryParams: [{name: version, value: beta}]}]
                backendRefs: [{name: catalog-canary}]
              - matches: [{path: {type: PathPrefix, value: /api/v2}}]
                filters:
                  - type: RequestHeaderModifier
                    requestHeaderModifier: {set: [{name: x-api-version, value: "2"}], remove: [x-debug]}
                backendRefs: [{name: catalog-v2}]
              - matches: [{path: {type: RegularExpression, value: "/users/[0-9]+/profile"}}]
                backendRefs: [{name: users}]
              - matches: [{path: {type: PathPrefix, value: /static}}]
                filters:
                  - type: URLRewrite
                    urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /}}
                backendRefs: [{name: static-assets}]
              - matches: [{path: {type: PathPrefix, value: /api/v1/orders}, method: POST}]
                backendRefs: [{name: orders}]
              - matches: [{path: {type: PathPrefix, value: /api/v1/orders}, headers: [{name: x-tenant, type: RegularExpression, value: "tenant-[0-9]+"}]}]
                backendRefs: [{name: orders}]
          """;
      return RouteFixture.of("catalog", 8080, "http",
          List.of("catalog-v2", "catalog-canary", "search", "users", "static-assets", "orders"),
          MeshDocuments.httpRoute("catalog-routes", "catalog", rules), catalogRequests());
    }
  },

  /**
   * 200 rules on one service, in 50 groups of four: an Exact path, a PathPrefix, a PathPrefix
   * with a header match and a RegularExpression, over ten backends. An HTTPRoute holds at most 16
   * rules, so they come as 25 routes of two groups each.
   */
  TWO_HUNDRED_RULES {
    @Override
    RouteFixture fixture() {
      List<String> routes = new ArrayList<>();
      StringBuilder rules = new StringBuilder();
      for (int g = 0; g < 50; g++) {
        rules.append("""
                - matches: [{path: {type: Exact, value: /g%1$d/item}}]
                  backendRefs: [{name: be-%2$d}]
                - matches: [{path: {type: PathPrefix, value: /g%1$d/items}}]
                  backendRefs: [{name: be-%2$d}]
                - matches: [{path: {type: PathPrefix, value: /g%1$d}, headers: [{name: x-canary, value: "true"}]}]
                  backendRefs: [{name: be-%3$d}]
                - matches: [{path: {type: RegularExpression, value: "/g%1$d/users/[0-9]+"}}]
                  backendRefs: [{name: be-%2$d}]
            """.formatted(g, g % 10, (g + 1) % 10));
        if (g % 2 == 1) {
          routes.add(MeshDocuments.httpRoute("catalog-large-" + g / 2, "catalog", rules.toString()));
          rules.setLength(0);
        }
      }
      List<String> backends = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        backends.add("be-" + i);
      }
      List<CycledRequest> requests = List.of(
          get("/g12/item", Set.of("be-2")),
          get("/g0/item", Set.of("be-0")),
          get("/g49/items/7", Set.of("be-9")),
          get("/g25/cart", Set.of("be-6"), "x-canary", "true"),
          get("/g3/users/77", Set.of("be-3")),
          get("/g49/users/1?view=full", Set.of("be-9")),
          get("/nowhere", Set.of()),
          get("/g7/other", Set.of()));
      return RouteFixture.of("catalog", 8080, "http", backends,
          String.join("---\n", routes), requests);
    }
  },

  /**
   * A gRPC service with six GRPCRoute rules: exact methods, a whole service with an 80/20 split,
   * a header match and a regular expression over service and method.
   */
  GRPC_METHODS {
    @Override
    RouteFixture fixture() {
      String rules = """
              - matches: [{method: {service: trellis.orders.v1.Orders, method: GetOrder}}]
                backendRefs: [{name: orders-read}]
              - matches: [{method: {service: trellis.orders.v1.Orders, method: ListOrders}}]
                backendRefs: [{name: orders-read}]
              - matches: [{method: {service: trellis.orders.v1.Orders, method: CreateOrder}, headers: [{name: x-canary, value: "true"}]}]
                backendRefs: [{name: orders-canary}]
              - matches: [{method: {service: trellis.orders.v1.Orders}}]
                backendRefs: [{name: orders, weight: 80}, {name: orders-v2, weight: 20}]
              - matches: [{method: {type: RegularExpression, service: "trellis\\\\.orders\\\\.v1\\\\..*", method: "Watch.*"}}]
                backendRefs: [{name: orders-stream}]
              - matches: [{method: {service: grpc.health.v1.Health}}]
                backendRefs: [{name: orders}]
          """;
      List<CycledRequest> requests = List.of(
          grpc("/trellis.orders.v1.Orders/GetOrder", Set.of("orders-read")),
          grpc("/trellis.orders.v1.Orders/CreateOrder", Set.of("orders-canary"), "x-canary", "true"),
          grpc("/trellis.orders.v1.Orders/CreateOrder", Set.of("orders", "orders-v2")),
          grpc("/trellis.orders.v1.OrderEvents/WatchOrders", Set.of("orders-stream")),
          grpc("/grpc.health.v1.Health/Check", Set.of("orders")),
          grpc("/trellis.billing.v1.Billing/Charge", Set.of()));
      return RouteFixture.of("orders", 9090, "grpc",
          List.of("orders-read", "orders-canary", "orders-v2", "orders-stream"),
          MeshDocuments.grpcRoute("orders-routes", "orders", rules), requests);
    }
  };

  /** The mesh and the requests of this case. */
  abstract RouteFixture fixture();

  /** Requests to {@code catalog} hitting each kind of rule of {@link #TEN_RULES}, and two misses. */
  private static List<CycledRequest> catalogRequests() {
    return List.of(
        get("/api/v1/items", Set.of("catalog")),
        get("/api/v1/items/42?fields=name,price", Set.of("catalog", "catalog-v2")),
        get("/api/v1/search?q=lamp", Set.of("catalog-canary"), "x-canary", "true"),
        get("/api/v1/search?q=lamp", Set.of("search")),
        get("/api/v2/items?version=beta", Set.of("catalog-canary")),
        get("/api/v2/items/42", Set.of("catalog-v2")),
        get("/users/1234/profile", Set.of("users")),
        get("/static/css/site.css", Set.of("static-assets")),
        post("/api/v1/orders", Set.of("orders")),
        get("/api/v1/orders/7", Set.of("orders"), "x-tenant", "tenant-42"),
        get("/healthz", Set.of()),
        get("/api/v3/items", Set.of()));
  }
}
