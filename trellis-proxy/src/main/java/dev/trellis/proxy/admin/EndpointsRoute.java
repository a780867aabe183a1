package dev.trellis.proxy.admin;

import dev.trellis.proxy.balance.EndpointLoad;
import dev.trellis.proxy.balance.EndpointLoads;
import dev.trellis.proxy.control.TranslatedSnapshot;
import dev.trellis.proxy.mesh.RegisteredEndpoint;
import dev.trellis.proxy.mesh.ServiceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /endpoints}: per upstream service of the snapshot in use, each endpoint with its health
 * and live load figures (requests in flight, peak-EWMA latency), as the balancers see them.
 */
final class EndpointsRoute implements AdminRoute {
  private final Supplier<Optional<TranslatedSnapshot>> snapshot;
  private final EndpointLoads loads;

  EndpointsRoute(Supplier<Optional<TranslatedSnapshot>> snapshot, EndpointLoads loads) {
    this.snapshot = snapshot;
    this.loads = loads;
  }

  record EndpointsView(long version, List<ServiceEndpoints> services) {}

  record ServiceEndpoints(String service, String namespace, String balancer, List<EndpointView> endpoints) {}

  /** {@code peakEwmaMillis} is 0 before the endpoint answered anything. */
  record EndpointView(String id, String address, String zone, String health, int inFlight,
      double peakEwmaMillis) {}

  @Override
  public AdminResponse get() {
    Optional<TranslatedSnapshot> running = snapshot.get();
    List<ServiceEndpoints> services = new ArrayList<>();
    running.ifPresent(s -> {
      for (ServiceDefinition service : s.services()) {
        // Only the services this proxy sends to have endpoint lists in its snapshot.
        if (s.snapshot().endpoints().containsKey(service.key().toString())) {
          services.add(describe(service));
        }
      }
    });
    return AdminResponse.json(200,
        new EndpointsView(running.map(TranslatedSnapshot::version).orElse(0L), services));
  }

  private ServiceEndpoints describe(ServiceDefinition service) {
    List<EndpointView> endpoints = new ArrayList<>();
    for (RegisteredEndpoint registered : service.endpoints()) {
      EndpointLoad load = loads.of(registered.endpoint());
      endpoints.add(new EndpointView(registered.endpoint().id(), registered.endpoint().address(),
          registered.endpoint().zone(), registered.health().name(), load.inFlight(),
          load.peakEwmaNanos() / 1_000_000.0));
    }
    return new ServiceEndpoints(service.key().name(), service.key().namespace(),
        service.balancer().kind().name(), endpoints);
  }
}
