package dev.trellis.proxy.balance;

import java.util.List;

/**
 * Power of two choices on peak-EWMA latency times (in flight + 1), the default balancer: it
 * moves traffic away from an endpoint as soon as it slows down or queues, and back as its
 * figures recover. See {@link EndpointLoad#cost()} for how unmeasured endpoints are treated.
 */
final class PeakEwmaBalancer extends PowerOfTwoChoicesBalancer {

  PeakEwmaBalancer(List<Endpoint> endpoints, EndpointLoads loads) {
    super(endpoints, loads);
  }

  @Override
  double cost(EndpointLoad load) {
    return load.cost();
  }
}
