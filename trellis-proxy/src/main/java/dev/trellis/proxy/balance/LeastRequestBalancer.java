package dev.trellis.proxy.balance;

import java.util.List;

/** Power of two choices on requests in flight: the less busy of two random endpoints wins. */
final class LeastRequestBalancer extends PowerOfTwoChoicesBalancer {

  LeastRequestBalancer(List<Endpoint> endpoints, EndpointLoads loads) {
    super(endpoints, loads);
  }

  @Override
  double cost(EndpointLoad load) {
    return load.inFlight();
  }
}
