package dev.trellis.proxy.route;

/** A compiled condition of one route match. Implementations are immutable and thread-safe. */
sealed interface RequestMatcher permits HttpMatcher, GrpcMatcher {
  /** True when every condition holds for {@code request}. */
  boolean matches(RouteRequest request);

  /**
   * The path prefix a {@code ReplacePrefixMatch} rewrite replaces, or null when this match has
   * none (a regular expression, a gRPC method match).
   */
  String matchedPrefix();
}
