package dev.trellis.proxy.balance;

import java.util.Map;

/**
 * One upstream endpoint: an instance of a service that a request can be sent to.
 *
 * <p>Identity is {@code id}, {@code host} and {@code port}: two endpoints that differ only in
 * zone or labels are equal, so a relabelled instance keeps the load figures measured for it
 * (see {@link EndpointLoads}). Immutable; {@code labels} is copied.
 *
 * @param id     the instance id the registry gave it; not blank
 * @param host   address the sidecar connects to, e.g. {@code 127.0.0.1}; not blank
 * @param port   1..65535
 * @param zone   locality zone; {@code null} is normalised to {@code ""} (unknown)
 * @param labels instance labels; {@code null} is normalised to an empty map
 */
public record Endpoint(String id, String host, int port, String zone, Map<String, String> labels) {

  public Endpoint {
    requireNotBlank(id, "id");
    requireNotBlank(host, "host");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
    }
    zone = zone == null ? "" : zone;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** An endpoint without zone or labels, as tests and static upstreams use. */
  public static Endpoint of(String id, String host, int port) {
    return new Endpoint(id, host, port, "", Map.of());
  }

  /** {@code host:port}, as error messages name an endpoint. */
  public String address() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Endpoint that
        && port == that.port
        && id.equals(that.id)
        && host.equals(that.host);
  }

  /** Computed without Objects.hash: it is on every request's path, and varargs allocate. */
  @Override
  public int hashCode() {
    return 31 * (31 * id.hashCode() + host.hashCode()) + port;
  }

  @Override
  public String toString() {
    return id + "@" + address();
  }

  private static void requireNotBlank(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": " + (value == null ? "missing" : "\"" + value + "\"")
          + " (expected: a non-blank string)");
    }
  }
}
