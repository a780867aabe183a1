package dev.trellis.proxy.inbound;

import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import java.util.Map;
import java.util.Objects;

/**
 * The application beside this sidecar: which service it is, where on loopback it listens for each
 * declared service port, and what it speaks when the mesh view does not (yet) declare the port.
 *
 * @param service the service the application belongs to
 * @param appPorts service port to the port the application listens on; a service port absent
 *     here is the application's port too (the usual case outside tests)
 * @param fallbackProtocol the protocol assumed for a port the mesh view does not declare
 */
public record LocalApp(ServiceKey service, Map<Integer, Integer> appPorts, AppProtocol fallbackProtocol) {
  public LocalApp {
    Objects.requireNonNull(service, "service");
    appPorts = Map.copyOf(appPorts);
    Objects.requireNonNull(fallbackProtocol, "fallbackProtocol");
    appPorts.forEach(
        (servicePort, appPort) -> {
          if (appPort < 1 || appPort > 65535) {
            throw new IllegalArgumentException(
                "appPorts[" + servicePort + "]: " + appPort + " (expected: 1..65535)");
          }
        });
  }

  /** The loopback port the application listens on for {@code servicePort}. */
  public int appPort(int servicePort) {
    return appPorts.getOrDefault(servicePort, servicePort);
  }
}
