package dev.trellis.proxy.route;

import dev.trellis.config.Resource;
import dev.trellis.config.ResourceKind;
import dev.trellis.config.route.BackendRef;
import dev.trellis.config.route.GrpcMethodMatch;
import dev.trellis.config.route.GrpcRouteMatch;
import dev.trellis.config.route.GrpcRouteRule;
import dev.trellis.config.route.GrpcRouteSpec;
import dev.trellis.config.route.HttpRouteMatch;
import dev.trellis.config.route.HttpRouteRule;
import dev.trellis.config.route.HttpRouteSpec;
import dev.trellis.config.route.ParentRef;
import dev.trellis.config.route.PathMatchType;
import dev.trellis.config.route.RouteFilter;
import dev.trellis.proxy.mesh.ServiceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles the {@code HTTPRoute} and {@code GRPCRoute} resources of one snapshot into a
 * {@link RouteTable} per parent service.
 *
 * <p>Precedence, per parent and port, as the Gateway API orders matches: for HTTP, an Exact path
 * before any PathPrefix, a longer PathPrefix before a shorter one, any PathPrefix before a
 * RegularExpression; then a match naming a method; then more header matches; then more query
 * matches. For gRPC: a longer service, then a longer method, then more header matches. Ties go to
 * the route first by {@code namespace/name} (snapshots carry no creation time, so "oldest" cannot
 * be honoured), then to the earlier rule and match.
 *
 * <p>Unsupported parts ({@code RequestMirror}, {@code retry}, {@code timeouts.backendRequest})
 * are ignored with one log line per route per build, that is per snapshot. A parentRef with a
 * {@code sectionName} the parent's ports do not name attaches nowhere (logged too).
 *
 * <p>Stateless; call from any thread.
 */
public final class RouteTables {
  private static final Logger log = LoggerFactory.getLogger(RouteTables.class);

  private RouteTables() {}

  /**
   * The tables of every parent named by a route in {@code resources}.
   *
   * @param portNames resolves a parent's port name ({@code sectionName}) to its number, or null
   *                  when the parent declares no such port
   */
  public static Map<ServiceKey, RouteTable> build(
      List<Resource> resources, BiFunction<ServiceKey, String, Integer> portNames) {
    Map<ServiceKey, Map<Integer, List<RouteEntry>>> http = new HashMap<>();
    Map<ServiceKey, Map<Integer, List<RouteEntry>>> grpc = new HashMap<>();
    for (Resource resource : resources) {
      String route = resource.key().namespace() + "/" + resource.key().name();
      if (resource.kind() == ResourceKind.HTTP_ROUTE) {
        HttpRouteSpec spec = resource.spec(HttpRouteSpec.class);
        List<RouteEntry> entries = httpEntries(route, spec);
        attach(route, spec.parentRefs(), entries, portNames, http);
      } else if (resource.kind() == ResourceKind.GRPC_ROUTE) {
        GrpcRouteSpec spec = resource.spec(GrpcRouteSpec.class);
        List<RouteEntry> entries = grpcEntries(route, spec);
        attach(route, spec.parentRefs(), entries, portNames, grpc);
      }
    }
    Map<ServiceKey, RouteTable> tables = new HashMap<>();
    for (ServiceKey parent : union(http, grpc)) {
      tables.put(parent, new RouteTable(
          byPort(http.getOrDefault(parent, Map.of())), byPort(grpc.getOrDefault(parent, Map.of()))));
    }
    return tables;
  }

  static List<RouteEntry> httpEntries(String route, HttpRouteSpec spec) {
    List<RouteEntry> entries = new ArrayList<>();
    for (int r = 0; r < spec.rules().size(); r++) {
      HttpRouteRule rule = spec.rules().get(r);
      rule.retry().ifPresent(retry -> log.info("{}: retry is not supported and ignored", route));
      rule.timeouts().backendRequest().ifPresent(
          t -> log.info("{}: timeouts.backendRequest is not supported and ignored", route));
      Duration timeout = rule.timeouts().request().filter(t -> !t.isZero()).orElse(null);
      CompiledRule compiled = new CompiledRule(
          route, r, supported(route, rule.filters()), backends(route, rule.backendRefs()), timeout);
      List<HttpRouteMatch> matches =
          rule.matches().isEmpty() ? List.of(HttpRouteMatch.EVERY_REQUEST) : rule.matches();
      for (int m = 0; m < matches.size(); m++) {
        HttpRouteMatch match = matches.get(m);
        int[] keys = {
          switch (match.path().type()) {
            case EXACT -> 0;
            case PATH_PREFIX -> 1;
            case REGULAR_EXPRESSION -> 2;
          },
          match.path().type() == PathMatchType.REGULAR_EXPRESSION ? 0 : -match.path().value().length(),
          match.method().isPresent() ? 0 : 1,
          -match.headers().size(),
          -match.queryParams().size()
        };
        entries.add(new RouteEntry(
            HttpMatcher.compile(match), compiled, new RouteEntry.Rank(keys, route, r, m)));
      }
    }
    return entries;
  }

  static List<RouteEntry> grpcEntries(String route, GrpcRouteSpec spec) {
    List<RouteEntry> entries = new ArrayList<>();
    for (int r = 0; r < spec.rules().size(); r++) {
      GrpcRouteRule rule = spec.rules().get(r);
      CompiledRule compiled = new CompiledRule(
          route, r, supported(route, rule.filters()), backends(route, rule.backendRefs()), null);
      List<GrpcRouteMatch> matches = rule.matches().isEmpty()
          ? List.of(new GrpcRouteMatch(Optional.empty(), List.of()))
          : rule.matches();
      for (int m = 0; m < matches.size(); m++) {
        GrpcRouteMatch match = matches.get(m);
        Optional<GrpcMethodMatch> method = match.method();
        int[] keys = {
          -method.flatMap(GrpcMethodMatch::service).map(String::length).orElse(0),
          -method.flatMap(GrpcMethodMatch::method).map(String::length).orElse(0),
          -match.headers().size()
        };
        entries.add(new RouteEntry(
            GrpcMatcher.compile(match), compiled, new RouteEntry.Rank(keys, route, r, m)));
      }
    }
    return entries;
  }

  private static List<RouteFilter> supported(String route, List<RouteFilter> filters) {
    List<RouteFilter> kept = new ArrayList<>();
    for (RouteFilter filter : filters) {
      if (filter instanceof RouteFilter.RequestMirror mirror) {
        log.info("{}: RequestMirror to {} is not supported and ignored", route, mirror.backendRef().name());
      } else {
        kept.add(filter);
      }
    }
    return kept;
  }

  private static WeightedBackends backends(String route, List<BackendRef> refs) {
    for (BackendRef ref : refs) {
      supported(route + " backend " + ref.name(), ref.filters());
    }
    return new WeightedBackends(refs);
  }

  private static void attach(
      String route,
      List<ParentRef> parents,
      List<RouteEntry> entries,
      BiFunction<ServiceKey, String, Integer> portNames,
      Map<ServiceKey, Map<Integer, List<RouteEntry>>> into) {
    for (ParentRef parent : parents) {
      ServiceKey key = new ServiceKey(parent.namespace(), parent.name());
      int port = parent.port().orElse(0);
      if (parent.sectionName().isPresent()) {
        Integer named = portNames.apply(key, parent.sectionName().get());
        if (named == null) {
          log.warn("{}: parent {} has no port named {}; the route does not attach to it",
              route, key, parent.sectionName().get());
          continue;
        }
        port = named;
      }
      into.computeIfAbsent(key, k -> new TreeMap<>())
          .computeIfAbsent(port, p -> new ArrayList<>())
          .addAll(entries);
    }
  }

  /** Sorted lists per port; a specific port's list also holds the entries for every port. */
  private static Map<Integer, List<RouteEntry>> byPort(Map<Integer, List<RouteEntry>> attached) {
    Map<Integer, List<RouteEntry>> result = new HashMap<>();
    List<RouteEntry> anyPort = attached.getOrDefault(0, List.of());
    for (Map.Entry<Integer, List<RouteEntry>> e : attached.entrySet()) {
      List<RouteEntry> all = new ArrayList<>(e.getValue());
      if (e.getKey() != 0) {
        all.addAll(anyPort);
      }
      all.sort((a, b) -> a.rank().compareTo(b.rank()));
      result.put(e.getKey(), List.copyOf(all));
    }
    return result;
  }

  private static List<ServiceKey> union(Map<ServiceKey, ?> a, Map<ServiceKey, ?> b) {
    List<ServiceKey> all = new ArrayList<>(a.keySet());
    b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(all::add);
    return all;
  }
}
