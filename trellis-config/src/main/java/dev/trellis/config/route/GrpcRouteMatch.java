package dev.trellis.config.route;

import java.util.List;
import java.util.Optional;

/**
 * One way a gRPC call can match a {@link GrpcRouteRule}: every condition given must hold.
 *
 * @param method  empty for any method
 * @param headers all must match
 */
public record GrpcRouteMatch(Optional<GrpcMethodMatch> method, List<HeaderMatch> headers) {
  public GrpcRouteMatch {
    headers = List.copyOf(headers);
  }
}
