package dev.trellis.proxy.route;

import java.util.List;
import java.util.Map;

/**
 * The routes attached to one parent service, compiled for one snapshot: per service port, the
 * HTTP and the gRPC entries in precedence order, so a request scans one list once and the first
 * entry that matches wins.
 *
 * <p>Immutable and shared by every event loop without locks.
 *
 * @param httpByPort entries of HTTPRoutes per port; key 0 holds routes attached to every port
 * @param grpcByPort entries of GRPCRoutes, the same way
 */
public record RouteTable(
    Map<Integer, List<RouteEntry>> httpByPort, Map<Integer, List<RouteEntry>> grpcByPort) {
  /** No routes: requests go to the service itself. */
  public static final RouteTable NONE = new RouteTable(Map.of(), Map.of());

  public RouteTable {
    httpByPort = Map.copyOf(httpByPort);
    grpcByPort = Map.copyOf(grpcByPort);
  }

  /** The HTTP entries for requests to {@code port}; empty when no HTTPRoute applies there. */
  List<RouteEntry> http(int port) {
    return forPort(httpByPort, port);
  }

  /** The gRPC entries for calls to {@code port}; empty when no GRPCRoute applies there. */
  List<RouteEntry> grpc(int port) {
    return forPort(grpcByPort, port);
  }

  /** True when no route is attached at all. */
  public boolean isEmpty() {
    return httpByPort.isEmpty() && grpcByPort.isEmpty();
  }

  private static List<RouteEntry> forPort(Map<Integer, List<RouteEntry>> byPort, int port) {
    if (byPort.isEmpty()) {
      // Most services have no routes: answer before boxing the port (16 bytes per request).
      return List.of();
    }
    List<RouteEntry> entries = byPort.get(port);
    if (entries != null) {
      return entries;
    }
    entries = byPort.get(0);
    return entries == null ? List.of() : entries;
  }
}
