package dev.trellis.proxy.balance;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The load figures of every endpoint the proxy currently knows, keyed by {@link Endpoint}.
 *
 * <p>Figures outlive balancers: a balancer built for a new snapshot looks up the same
 * {@link EndpointLoad} for an endpoint that was already there, so latency and in-flight counts
 * carry over; {@link #retainOnly} drops endpoints that left. A proxy holds one instance for all
 * services ({@code SidecarProxy}), so {@link dev.trellis.proxy.mesh.MeshView#build} passes every
 * endpoint of every service to {@code retainOnly}.
 *
 * <p>Thread-safe: {@link #of} is lock-free on the hot path (a map read); creating and forgetting
 * figures happen on snapshot changes.
 */
public final class EndpointLoads {

  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<Endpoint, EndpointLoad> loads = new ConcurrentHashMap<>();

  /** @param nanoClock monotonic time in nanoseconds, {@code System::nanoTime} in production */
  public EndpointLoads(LongSupplier nanoClock) {
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /** The figures of {@code endpoint}, created empty on first use; never null. */
  public EndpointLoad of(Endpoint endpoint) {
    EndpointLoad load = loads.get(endpoint);
    return load != null ? load : loads.computeIfAbsent(endpoint, this::newLoad);
  }

  /**
   * Forgets the figures of every endpoint not in {@code live}. A request still in flight to a
   * forgotten endpoint finishes against the old figures, which are then garbage.
   */
  public void retainOnly(Collection<Endpoint> live) {
    Set<Endpoint> keep = Set.copyOf(live);
    loads.keySet().retainAll(keep);
  }

  /** How many endpoints have figures. */
  int size() {
    return loads.size();
  }

  private EndpointLoad newLoad(Endpoint ignored) {
    return new EndpointLoad(nanoClock);
  }
}
