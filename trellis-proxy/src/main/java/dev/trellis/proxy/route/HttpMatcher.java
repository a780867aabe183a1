package dev.trellis.proxy.route;

import dev.trellis.config.route.HeaderMatch;
import dev.trellis.config.route.HttpRouteMatch;
import dev.trellis.config.route.PathMatchType;
import dev.trellis.config.route.QueryParamMatch;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One compiled {@link HttpRouteMatch}: every condition it gives must hold. A {@code PathPrefix}
 * matches whole segments ({@code /api} matches {@code /api} and {@code /api/x}, not
 * {@code /apix}); a trailing "/" in the prefix is ignored. Header names compare
 * case-insensitively, query parameter names exactly; the first value of each is compared.
 *
 * <p>Immutable and thread-safe.
 */
record HttpMatcher(
    PathMatchType pathType,
    String pathValue,
    Pattern pathPattern,
    String patternPrefix,
    String method,
    List<NamedMatcher> headers,
    List<NamedMatcher> queryParams) implements RequestMatcher {

  static HttpMatcher compile(HttpRouteMatch match) {
    String value = match.path().value();
    PathMatchType type = match.path().type();
    if (type == PathMatchType.PATH_PREFIX && value.length() > 1 && value.endsWith("/")) {
      value = value.substring(0, value.length() - 1);
    }
    Pattern pattern = type == PathMatchType.REGULAR_EXPRESSION ? Pattern.compile(value) : null;
    String patternPrefix = pattern == null ? null : RegexPrefix.of(value);
    List<NamedMatcher> headers = match.headers().stream()
        .map(HttpMatcher::compileHeader)
        .toList();
    List<NamedMatcher> query = match.queryParams().stream()
        .map(HttpMatcher::compileQuery)
        .toList();
    return new HttpMatcher(
        type, value, pattern, patternPrefix, match.method().orElse(null), headers, query);
  }

  private static NamedMatcher compileHeader(HeaderMatch h) {
    return new NamedMatcher(h.name(), StringMatcher.of(h.type(), h.value()));
  }

  private static NamedMatcher compileQuery(QueryParamMatch q) {
    return new NamedMatcher(q.name(), StringMatcher.of(q.type(), q.value()));
  }

  @Override
  public boolean matches(RouteRequest request) {
    if (method != null && !method.equals(request.method())) {
      return false;
    }
    if (!pathMatches(request.path())) {
      return false;
    }
    for (NamedMatcher header : headers) {
      if (!header.value().matches(request.headers().get(header.name()))) {
        return false;
      }
    }
    for (NamedMatcher param : queryParams) {
      if (!param.value().matches(request.parameter(param.name()))) {
        return false;
      }
    }
    return true;
  }

  private boolean pathMatches(String path) {
    return switch (pathType) {
      case EXACT -> path.equals(pathValue);
      case REGULAR_EXPRESSION -> path.startsWith(patternPrefix) && pathPattern.matcher(path).matches();
      case PATH_PREFIX -> pathValue.equals("/")
          || (path.startsWith(pathValue)
              && (path.length() == pathValue.length() || path.charAt(pathValue.length()) == '/'));
    };
  }

  /** The prefix a {@code ReplacePrefixMatch} rewrite replaces: the matched prefix or exact path. */
  @Override
  public String matchedPrefix() {
    return pathType == PathMatchType.REGULAR_EXPRESSION ? null : pathValue;
  }
}
