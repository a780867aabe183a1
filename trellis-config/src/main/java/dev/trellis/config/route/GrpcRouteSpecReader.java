package dev.trellis.config.route;

import dev.trellis.config.internal.FieldReader;
import dev.trellis.config.internal.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Binds a {@code GRPCRoute} document's {@code spec} to a {@link GrpcRouteSpec}. Stateless. */
public final class GrpcRouteSpecReader {
  // The Gateway API's patterns for exact gRPC service and method names.
  private static final Pattern SERVICE =
      Pattern.compile("(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*");
  private static final Pattern METHOD = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");
  private static final Format EXACT_SERVICE = new Format(
      "a fully qualified gRPC service name such as shop.v1.Catalog",
      s -> s.length() <= 1024 && SERVICE.matcher(s).matches());
  private static final Format EXACT_METHOD = new Format(
      "a gRPC method name such as GetItem", s -> s.length() <= 1024 && METHOD.matcher(s).matches());

  private GrpcRouteSpecReader() {}

  /** {@code namespace} is the route's, which references default to. */
  public static GrpcRouteSpec read(FieldReader spec, String namespace) {
    RouteRefReader refs = new RouteRefReader(namespace);
    List<ParentRef> parents = refs.parentRefs(spec);
    List<String> hostnames = refs.hostnames(spec);
    List<GrpcRouteRule> rules = new ArrayList<>();
    for (FieldReader rule : spec.objectList("rules", 1, 16)) {
      rules.add(rule(rule, refs));
    }
    spec.finish();
    return new GrpcRouteSpec(parents, hostnames, rules, refs.references());
  }

  private static GrpcRouteRule rule(FieldReader rule, RouteRefReader refs) {
    List<GrpcRouteMatch> matches = new ArrayList<>();
    for (FieldReader match : rule.objectList("matches", 0, 64)) {
      Optional<GrpcMethodMatch> method = match.optionalObject("method")
          .map(GrpcRouteSpecReader::method);
      List<HeaderMatch> headers = MatchReader.headers(match);
      match.finish();
      matches.add(new GrpcRouteMatch(method, headers));
    }
    List<RouteFilter> filters = RouteFilterReader.GRPC.filters(rule, refs);
    List<BackendRef> backends = refs.backendRefs(rule, RouteFilterReader.GRPC);
    Optional<String> name = rule.optionalString("name", Format.DNS_SUBDOMAIN);
    rule.finish();
    return new GrpcRouteRule(name, matches, filters, backends);
  }

  private static GrpcMethodMatch method(FieldReader method) {
    StringMatchType type = method.optionalChoice("type", StringMatchType.EXACT,
        StringMatchType.values());
    boolean exact = type == StringMatchType.EXACT;
    Optional<String> service = method.optionalString("service", exact ? EXACT_SERVICE : Format.REGEX);
    Optional<String> name = method.optionalString("method", exact ? EXACT_METHOD : Format.REGEX);
    if (!method.has("service") && !method.has("method")) {
      method.rejectHere("neither service nor method", "at least one of service and method");
    }
    method.finish();
    return new GrpcMethodMatch(type, service, name);
  }
}
