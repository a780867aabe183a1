package dev.trellis.config.policy;

import dev.trellis.config.Reference;
import dev.trellis.config.ResourceSpec;
import java.util.List;
import java.util.Optional;

/**
 * The spec of a {@code TrafficPolicy}: how proxies call the target service (or route).
 *
 * <p>A section the document leaves out is empty (the proxy's own behavior applies: no limits,
 * no ejection, no retries beyond a route's, no rate limit, no active checks), except the load
 * balancer, which is always set. Within a section, fields left out take the defaults documented
 * on each record. {@code references} holds the TARGET, with its line.
 */
public record TrafficPolicySpec(TargetRef targetRef, LoadBalancer loadBalancer,
    Optional<ConnectionPool> connectionPool, Optional<OutlierDetection> outlierDetection,
    Optional<Retries> retries, Optional<Timeouts> timeouts, Optional<RateLimit> rateLimit,
    Optional<HealthCheck> healthCheck, List<Reference> references) implements ResourceSpec {

  public TrafficPolicySpec {
    references = List.copyOf(references);
  }
}
