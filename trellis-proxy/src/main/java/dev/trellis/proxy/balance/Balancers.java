package dev.trellis.proxy.balance;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Builds the {@link Balancer} a {@link BalancerConfig} asks for.
 *
 * <p>Called once per endpoint set (per snapshot), off the hot path; building a consistent-hash
 * table costs time proportional to its size (about 100 entries per endpoint).
 */
public final class Balancers {

  private Balancers() {}

  /**
   * A balancer of {@code config.kind()} over {@code endpoints}.
   *
   * @param config    which algorithm; not null
   * @param endpoints the healthy endpoints, in any order; an endpoint listed twice counts once;
   *                  empty gives a balancer whose {@link Balancer#pick} returns {@code null}
   * @param loads     where the load-aware balancers read in-flight counts and latency; not null
   */
  public static Balancer create(BalancerConfig config, List<Endpoint> endpoints, EndpointLoads loads) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(loads, "loads");
    List<Endpoint> distinct = List.copyOf(new LinkedHashSet<>(endpoints));
    return switch (config.kind()) {
      case PEAK_EWMA -> new PeakEwmaBalancer(distinct, loads);
      case LEAST_REQUEST -> new LeastRequestBalancer(distinct, loads);
      case ROUND_ROBIN -> new RoundRobinBalancer(distinct);
      case RANDOM -> new RandomBalancer(distinct);
      case CONSISTENT_HASH -> new ConsistentHashBalancer(distinct, config);
    };
  }
}
