package dev.trellis.bench.jmh;

import dev.trellis.proxy.SidecarConfig;
import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.inbound.LocalApp;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import java.util.Map;

/** The sidecar proxy the snapshot benchmarks hand their snapshots to. */
final class BenchProxy {
  private BenchProxy() {}

  /**
   * A proxy for an HTTP application of service {@code bench-caller}, not started: it binds no
   * port and runs no thread, but {@link SidecarProxy#apply} does all it does in a running one.
   */
  static SidecarProxy unstarted() {
    return new SidecarProxy(SidecarConfig.of(
        new LocalApp(ServiceKey.of("bench-caller"), Map.of(), AppProtocol.HTTP)));
  }
}
