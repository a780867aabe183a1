package dev.trellis.proxy.balance;

import java.util.List;

/**
 * Picks the endpoint for one request.
 *
 * <p>A balancer is built once per endpoint set (per snapshot) by {@link Balancers#create} and
 * replaced, never mutated, when the set changes. It is immutable apart from lock-free counters,
 * safe to call from any event loop at once, never blocks and allocates at most a few objects per
 * pick. The caller reports each request's outcome to the endpoint's {@link EndpointLoad}:
 *
 * <pre>{@code
 * Endpoint endpoint = balancer.pick(request);      // null: no endpoint, answer 503
 * EndpointLoad load = loads.of(endpoint);
 * load.requestStarted();
 * ... forward, then on completion:
 * load.requestFinished(System.nanoTime() - start, failed);
 * }</pre>
 */
public interface Balancer {

  /**
   * The endpoint to send {@code request} to, or {@code null} when the set is empty.
   *
   * @param request what the balancer may key on; {@code null} is treated as {@link PickRequest#NONE}
   */
  Endpoint pick(PickRequest request);

  /** The endpoints this balancer chooses among, in the order given to it; immutable. */
  List<Endpoint> endpoints();
}
