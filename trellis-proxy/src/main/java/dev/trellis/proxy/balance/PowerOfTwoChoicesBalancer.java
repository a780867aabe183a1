package dev.trellis.proxy.balance;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Power of two choices: draws two distinct endpoints at random and takes the one that costs
 * less, which keeps load close to the best endpoint's without the herding of always taking the
 * global minimum (Mitzenmacher; Finagle, Linkerd and Envoy balance this way).
 *
 * <p>Each endpoint's {@link EndpointLoad} is resolved once, when the balancer is built, so a pick
 * reads two atomics and allocates nothing. Subclasses say what "cost" means.
 */
abstract class PowerOfTwoChoicesBalancer extends FixedEndpointsBalancer {

  private final EndpointLoad[] loads;

  PowerOfTwoChoicesBalancer(List<Endpoint> endpoints, EndpointLoads loads) {
    super(endpoints);
    this.loads = new EndpointLoad[this.endpoints.length];
    for (int i = 0; i < this.endpoints.length; i++) {
      this.loads[i] = loads.of(this.endpoints[i]);
    }
  }

  /** What sending one more request to the endpoint with these figures costs; lower wins. */
  abstract double cost(EndpointLoad load);

  @Override
  public final Endpoint pick(PickRequest request) {
    int n = endpoints.length;
    if (n <= 1) {
      return n == 0 ? null : endpoints[0];
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int first = random.nextInt(n);
    int second = random.nextInt(n - 1);
    if (second >= first) {
      second++; // draw from the other n-1, so the two are always distinct
    }
    // On a tie the first wins; it is itself a uniform draw, so ties do not favour an index.
    return cost(loads[second]) < cost(loads[first]) ? endpoints[second] : endpoints[first];
  }
}
