package dev.trellis.control;

import dev.trellis.api.client.ControlClient;
import dev.trellis.control.server.ControlPlane;
import dev.trellis.control.server.ControlPlaneOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Starts control planes the way component tests need them: loopback, port 0, fast lease sweep. */
public final class TestControlPlane {
  private TestControlPlane() {}

  public static ControlPlaneOptions options(Path dataDir, Clock clock) {
    return ControlPlaneOptions.defaults(dataDir).withPort(0).withClock(clock)
        .withLeaseSweepInterval(Duration.ofMillis(20));
  }

  public static ControlPlane start(Path dataDir) throws Exception {
    return ControlPlane.start(options(dataDir, Clock.systemUTC()));
  }

  public static ControlPlane start(Path dataDir, Clock clock) throws Exception {
    return ControlPlane.start(options(dataDir, clock));
  }

  public static ControlClient client(ControlPlane control) {
    return ControlClient.create(control.uri(), control.token(), Duration.ofSeconds(5));
  }
}
