package dev.trellis.config.route;

import java.util.List;
import java.util.Optional;

/**
 * One way a request can match an {@link HttpRouteRule}: every condition given must hold.
 *
 * @param path        never null; {@link PathMatch#EVERY_PATH} when the document says none
 * @param headers     all must match
 * @param queryParams all must match
 * @param method      an upper-case HTTP method, or empty for any
 */
public record HttpRouteMatch(PathMatch path, List<HeaderMatch> headers,
    List<QueryParamMatch> queryParams, Optional<String> method) {

  /** The match of a rule that lists none: every request. */
  public static final HttpRouteMatch EVERY_REQUEST =
      new HttpRouteMatch(PathMatch.EVERY_PATH, List.of(), List.of(), Optional.empty());

  public HttpRouteMatch {
    headers = List.copyOf(headers);
    queryParams = List.copyOf(queryParams);
  }
}
