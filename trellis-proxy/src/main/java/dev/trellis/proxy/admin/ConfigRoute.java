package dev.trellis.proxy.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.registry.Endpoint;
import dev.trellis.proxy.control.LinkStatus;
import dev.trellis.proxy.control.TranslatedSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /config}: what the sidecar runs now, as JSON: the snapshot version, the sync state, and
 * the documents and endpoints of the snapshot in use (empty before any).
 */
final class ConfigRoute implements AdminRoute {
  private final Supplier<LinkStatus> status;
  private final Supplier<Optional<TranslatedSnapshot>> snapshot;

  ConfigRoute(Supplier<LinkStatus> status, Supplier<Optional<TranslatedSnapshot>> snapshot) {
    this.status = status;
    this.snapshot = snapshot;
  }

  /** The body of {@code /config}. */
  record ConfigView(long version, Sync sync, List<ObjectNode> resources, Map<String, List<Endpoint>> endpoints) {}

  /** The sync state as {@code /config} shows it; {@code reason} is empty when in sync. */
  record Sync(String state, Instant since, String reason, boolean fromCache, boolean registered,
      String registrationId) {}

  @Override
  public AdminResponse get() {
    LinkStatus now = status.get();
    Optional<TranslatedSnapshot> running = snapshot.get();
    Sync sync = new Sync(now.sync().name(), now.since(), now.reason(), now.fromCache(),
        now.registered(), now.registrationId());
    return AdminResponse.json(200, new ConfigView(
        running.map(TranslatedSnapshot::version).orElse(0L),
        sync,
        running.map(s -> s.snapshot().resources()).orElse(List.of()),
        running.map(s -> s.snapshot().endpoints()).orElse(Map.of())));
  }
}
