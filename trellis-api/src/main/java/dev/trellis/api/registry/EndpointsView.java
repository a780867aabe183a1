package dev.trellis.api.registry;

import java.util.List;

/**
 * The registry as {@code GET /v1/endpoints} shows it: every service with a {@code Service}
 * resource or a registered instance, ordered by namespace and name.
 *
 * @param version the control plane's version the view was taken at
 */
public record EndpointsView(long version, List<ServiceEndpoints> services) {
  public EndpointsView {
    services = List.copyOf(services);
  }
}
