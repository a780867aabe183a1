package dev.trellis.cli.run;

import dev.trellis.proxy.mesh.ServiceKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an in-process sidecar ({@code trellis run}'s or {@code trellis proxy}'s) is to be: validated
 * options, no sockets yet.
 *
 * @param service the service the application is an instance of
 * @param appPorts declared service port to the application's port; empty when the application
 *     serves nothing
 * @param upstreams the explicit upstream ports to open
 * @param inboundPort where peer sidecars connect, 0 for a free port
 * @param outboundPort the application's HTTP proxy, 0 for a free port
 * @param adminPort the admin port on 127.0.0.1, 0 for a free port
 * @param labels instance labels to register
 * @param zone the instance's zone, empty when unknown
 * @param dataDir where the sidecar caches its last good snapshot
 * @param ioThreads event loop threads for the data path, at least 1
 */
public record SidecarPlan(
    ServiceKey service, Map<Integer, Integer> appPorts, List<UpstreamArgument> upstreams,
    int inboundPort, int outboundPort, int adminPort, Map<String, String> labels, String zone,
    Path dataDir, int ioThreads) {

  public SidecarPlan {
    Objects.requireNonNull(service, "service");
    appPorts = Map.copyOf(appPorts);
    upstreams = List.copyOf(upstreams);
    labels = Map.copyOf(labels);
    zone = zone == null ? "" : zone;
    Objects.requireNonNull(dataDir, "dataDir");
    if (ioThreads < 1) {
      throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: >= 1)");
    }
  }
}
