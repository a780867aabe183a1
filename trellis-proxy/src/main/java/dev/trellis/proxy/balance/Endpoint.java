package dev.trellis.proxy.balance;

import java.util.Map;

/** One upstream endpoint. Equal when id, host and port are. Immutable. */
public record Endpoint(String id, String host, int port, String zone, Map<String, String> labels) {
  public Endpoint {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Endpoint e && e.id.equals(id) && e.host.equals(host) && e.port == port;
  }

  @Override
  public int hashCode() {
    return (id.hashCode() * 31 + host.hashCode()) * 31 + port;
  }
}
