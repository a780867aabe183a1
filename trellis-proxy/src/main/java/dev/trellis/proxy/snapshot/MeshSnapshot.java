package dev.trellis.proxy.snapshot;

import dev.trellis.proxy.mesh.ServiceDefinition;
import java.util.List;

/** One control-plane snapshot translated into plain values: its version and its services. */
public record MeshSnapshot(long version, List<ServiceDefinition> services) {
  public MeshSnapshot {
    services = List.copyOf(services);
  }
}
