package dev.trellis.proxy.control;

import dev.trellis.api.watch.Snapshot;
import dev.trellis.config.Resource;
import dev.trellis.proxy.mesh.ServiceDefinition;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot that passed validation, with what the proxy made of it.
 *
 * @param snapshot  the snapshot as received (kept for the disk cache and {@code /config})
 * @param resources its documents, validated
 * @param services  the services the data path runs on, one per {@code Service} document or
 *                  endpoint list, in key order
 */
public record TranslatedSnapshot(Snapshot snapshot, List<Resource> resources, List<ServiceDefinition> services) {
  public TranslatedSnapshot {
    Objects.requireNonNull(snapshot, "snapshot");
    resources = List.copyOf(resources);
    services = List.copyOf(services);
  }

  public long version() {
    return snapshot.version();
  }
}
