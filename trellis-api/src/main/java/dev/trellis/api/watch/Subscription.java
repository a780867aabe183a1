package dev.trellis.api.watch;

import java.util.List;
import java.util.Objects;

/**
 * What one proxy watches: its own service (for inbound policy) and the services it calls.
 *
 * @param node      the proxy's name, unique in the mesh (e.g. {@code web-1}); keys its ack status
 * @param service   the service the proxy sits beside
 * @param namespace {@code default} when null or empty
 * @param upstreams services the proxy calls, by name in {@code namespace} or as {@code ns/name}
 */
public record Subscription(String node, String service, String namespace, List<String> upstreams)
    implements WatchMessage {

  public Subscription {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(service, "service");
    namespace = namespace == null || namespace.isEmpty() ? "default" : namespace;
    upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
  }
}
