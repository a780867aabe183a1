package dev.trellis.api.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.registry.Endpoint;
import java.util.List;
import java.util.Map;

/**
 * Everything one proxy needs, whole: the documents in its scope and the endpoints of the services
 * it may send to, keyed {@code namespace/name} (in key order). Never a diff.
 *
 * @param version the control plane's version this snapshot was cut at; grows with every change
 *                but is not contiguous for one proxy (changes outside its scope skip numbers)
 */
public record Snapshot(long version, List<ObjectNode> resources, Map<String, List<Endpoint>> endpoints)
    implements WatchMessage {

  public Snapshot {
    resources = List.copyOf(resources);
    endpoints = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(endpoints));
  }
}
