package dev.trellis.proxy.testing;

import dev.trellis.proxy.SidecarConfig;
import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.UpstreamPort;
import dev.trellis.proxy.balance.BalancerConfig;
import dev.trellis.proxy.balance.Endpoint;
import dev.trellis.proxy.inbound.LocalApp;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.EndpointHealth;
import dev.trellis.proxy.mesh.RegisteredEndpoint;
import dev.trellis.proxy.mesh.ServiceDefinition;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.mesh.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts sidecars for tests and builds the mesh definitions they run on. */
public final class Sidecars {
  /** The service port every test service declares; the app's real port is mapped to it. */
  public static final int SERVICE_PORT = 8080;

  private Sidecars() {}

  /** A sidecar in front of an app of {@code service} listening on {@code appPort}. */
  public static SidecarProxy serving(ServiceKey service, int appPort, UpstreamPort... upstreams)
      throws InterruptedException {
    LocalApp app = new LocalApp(service, Map.of(SERVICE_PORT, appPort), AppProtocol.HTTP);
    return new SidecarProxy(SidecarConfig.of(app).withIoThreads(1).withUpstreams(List.of(upstreams)))
        .start();
  }

  /** A sidecar for a caller service that serves nothing itself. */
  public static SidecarProxy calling(UpstreamPort... upstreams) throws InterruptedException {
    return serving(ServiceKey.of("web"), 1, upstreams);
  }

  /** The endpoint of {@code sidecar}'s inbound listener, healthy. */
  public static RegisteredEndpoint endpointOf(String id, SidecarProxy sidecar) {
    return endpointOf(id, sidecar, EndpointHealth.HEALTHY);
  }

  public static RegisteredEndpoint endpointOf(String id, SidecarProxy sidecar, EndpointHealth health) {
    Endpoint endpoint =
        new Endpoint(id, "127.0.0.1", sidecar.inboundAddress().getPort(), "", Map.of());
    return new RegisteredEndpoint(endpoint, health);
  }

  /** A service declaring {@link #SERVICE_PORT} with {@code protocol}, over {@code endpoints}. */
  public static ServiceDefinition service(
      String name, AppProtocol protocol, BalancerConfig balancer, RegisteredEndpoint... endpoints) {
    return new ServiceDefinition(
        ServiceKey.of(name),
        List.of(new ServicePort(SERVICE_PORT, protocol)),
        List.of(endpoints),
        balancer);
  }

  public static ServiceDefinition service(String name, AppProtocol protocol, RegisteredEndpoint... endpoints) {
    return service(name, protocol, new BalancerConfig(BalancerConfig.Kind.ROUND_ROBIN, null, null, false), endpoints);
  }

  /** Applies the same mesh to every sidecar, as the control plane would. */
  public static void apply(List<ServiceDefinition> services, SidecarProxy... sidecars) {
    long version = System.nanoTime();
    for (SidecarProxy sidecar : sidecars) {
      sidecar.apply(version, new ArrayList<>(services));
    }
  }
}
