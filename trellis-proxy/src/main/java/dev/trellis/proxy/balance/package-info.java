/**
 * Load balancing for the sidecar's outbound path: which healthy endpoint of a service gets a
 * request.
 *
 * <p>The proxy keeps one {@link dev.trellis.proxy.balance.EndpointLoads} per upstream service for
 * the life of the process, and on every snapshot builds a new
 * {@link dev.trellis.proxy.balance.Balancer} with
 * {@link dev.trellis.proxy.balance.Balancers#create} from the service's
 * {@link dev.trellis.proxy.balance.BalancerConfig} and its healthy endpoints, then calls
 * {@code retainOnly} with the same endpoints. Per request:
 *
 * <pre>{@code
 * Endpoint endpoint = balancer.pick(request);   // null: no healthy endpoint
 * EndpointLoad load = loads.of(endpoint);
 * load.requestStarted();
 * ... on the response or failure:
 * load.requestFinished(latencyNanos, failed);
 * }</pre>
 *
 * <p>Threading: balancers are immutable apart from atomics and are called from any event loop
 * at once; nothing here blocks or takes a lock. Time comes from the nano clock given to
 * {@code EndpointLoads}, so tests drive it by hand.
 *
 * <pre>
 *   PEAK_EWMA        P2C on latency x (in flight + 1)   default; follows slowness and queues
 *   LEAST_REQUEST    P2C on in flight                   when latency varies by request, not host
 *   ROUND_ROBIN      shared atomic counter              exact rotation across event loops
 *   RANDOM           ThreadLocalRandom                  no state at all
 *   CONSISTENT_HASH  Maglev table, 65,537 slots         header, cookie or source IP affinity
 * </pre>
 */
package dev.trellis.proxy.balance;
