package dev.trellis.proxy.mesh;

import dev.trellis.proxy.balance.Endpoint;
import java.util.Objects;

/** An endpoint as registered, with its health: the input of a {@link MeshView}. */
public record RegisteredEndpoint(Endpoint endpoint, EndpointHealth health) {
  public RegisteredEndpoint {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(health, "health");
  }
}
