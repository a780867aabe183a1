package dev.trellis.proxy;

import dev.trellis.proxy.mesh.ServiceKey;
import java.util.Objects;

/**
 * A local port bound for one upstream service ({@code --upstream catalog:9001}): whatever the
 * application sends there goes to that service, as HTTP or as opaque TCP per the service's
 * declared protocol.
 *
 * @param service the upstream service
 * @param servicePort the service port to reach, or 0 for the service's first declared port
 * @param localPort the port to bind, or 0 for any free port
 */
public record UpstreamPort(ServiceKey service, int servicePort, int localPort) {
  public UpstreamPort {
    Objects.requireNonNull(service, "service");
    if (servicePort < 0 || servicePort > 65535) {
      throw new IllegalArgumentException("servicePort: " + servicePort + " (expected: 0..65535)");
    }
    if (localPort < 0 || localPort > 65535) {
      throw new IllegalArgumentException("localPort: " + localPort + " (expected: 0..65535)");
    }
  }

  /** An upstream port for the first declared port of {@code service}, bound anywhere free. */
  public static UpstreamPort of(ServiceKey service) {
    return new UpstreamPort(service, 0, 0);
  }
}
