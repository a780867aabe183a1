package dev.trellis.config.route;

import dev.trellis.config.internal.FieldReader;
import dev.trellis.config.internal.Format;
import dev.trellis.config.internal.ValueReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Binds an {@code HTTPRoute} document's {@code spec} to an {@link HttpRouteSpec}. Stateless. */
public final class HttpRouteSpecReader {
  private static final Format METHOD = Format.oneOf(List.of(
      "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"));
  private static final Format RULE_NAME = Format.DNS_SUBDOMAIN;

  private HttpRouteSpecReader() {}

  /** {@code namespace} is the route's, which references default to. */
  public static HttpRouteSpec read(FieldReader spec, String namespace) {
    RouteRefReader refs = new RouteRefReader(namespace);
    List<ParentRef> parents = refs.parentRefs(spec);
    List<String> hostnames = refs.hostnames(spec);
    List<HttpRouteRule> rules = new ArrayList<>();
    for (FieldReader rule : spec.objectList("rules", 1, 16)) {
      rules.add(rule(rule, refs));
    }
    spec.finish();
    return new HttpRouteSpec(parents, hostnames, rules, refs.references());
  }

  private static HttpRouteRule rule(FieldReader rule, RouteRefReader refs) {
    List<HttpRouteMatch> matches = new ArrayList<>();
    for (FieldReader match : rule.objectList("matches", 0, 64)) {
      matches.add(match(match));
    }
    if (matches.isEmpty()) {
      matches.add(HttpRouteMatch.EVERY_REQUEST);
    }
    List<RouteFilter> filters = RouteFilterReader.HTTP.filters(rule, refs);
    boolean replacesPrefix = filters.stream().anyMatch(HttpRouteSpecReader::replacesPrefix);
    if (replacesPrefix && matches.stream()
        .anyMatch(m -> m.path().type() != PathMatchType.PATH_PREFIX)) {
      rule.reject("filters", "ReplacePrefixMatch", "only in a rule whose matches are all"
          + " PathPrefix: it replaces the prefix that matched");
    }
    List<BackendRef> backends = refs.backendRefs(rule, RouteFilterReader.HTTP);
    RouteTimeouts timeouts = rule.optionalObject("timeouts")
        .map(HttpRouteSpecReader::timeouts).orElse(RouteTimeouts.NONE);
    Optional<String> name = rule.optionalString("name", RULE_NAME);
    Optional<RouteRetry> retry = rule.optionalObject("retry").map(HttpRouteSpecReader::retry);
    rule.finish();
    return new HttpRouteRule(name, matches, filters, backends, timeouts, retry);
  }

  private static boolean replacesPrefix(RouteFilter filter) {
    Optional<PathModifier> path = switch (filter) {
      case RouteFilter.RequestRedirect redirect -> redirect.path();
      case RouteFilter.UrlRewrite rewrite -> rewrite.path();
      default -> Optional.empty();
    };
    return path.map(p -> p.type() == PathModifier.Type.REPLACE_PREFIX_MATCH).orElse(false);
  }

  private static HttpRouteMatch match(FieldReader match) {
    PathMatch path = match.optionalObject("path").map(HttpRouteSpecReader::path)
        .orElse(PathMatch.EVERY_PATH);
    List<HeaderMatch> headers = MatchReader.headers(match);
    List<QueryParamMatch> params = MatchReader.queryParams(match);
    Optional<String> method = match.optionalString("method", METHOD);
    match.finish();
    return new HttpRouteMatch(path, headers, params, method);
  }

  private static PathMatch path(FieldReader path) {
    PathMatchType type = path.optionalChoice("type", PathMatchType.PATH_PREFIX,
        PathMatchType.values());
    Format format = type == PathMatchType.REGULAR_EXPRESSION ? Format.REGEX : Format.ABSOLUTE_PATH;
    String value = path.optionalString("value", format, "/");
    path.finish();
    return new PathMatch(type, value);
  }

  private static RouteTimeouts timeouts(FieldReader timeouts) {
    Optional<Duration> request = timeouts.optionalDuration("request", Duration.ZERO);
    Optional<Duration> backend = timeouts.optionalDuration("backendRequest", Duration.ZERO);
    timeouts.finish();
    if (request.isPresent() && backend.isPresent() && !request.get().isZero()
        && (backend.get().isZero() || backend.get().compareTo(request.get()) > 0)) {
      timeouts.reject("backendRequest", timeouts.value("backendRequest")
              .map(v -> v.node().describe()).orElse(""),
          "at most the request timeout");
    }
    return new RouteTimeouts(request, backend);
  }

  private static RouteRetry retry(FieldReader retry) {
    List<Integer> codes = new ArrayList<>();
    for (ValueReader code : retry.list("codes", 0, 200)) {
      code.integer(400, 599).ifPresent(codes::add);
    }
    Optional<Integer> attempts = retry.optionalInt("attempts", 0, Integer.MAX_VALUE);
    Optional<Duration> backoff = retry.optionalDuration("backoff", Duration.ZERO);
    retry.finish();
    return new RouteRetry(codes, attempts, backoff);
  }
}
