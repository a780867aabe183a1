package dev.trellis.control.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link ControlPlane}.
 *
 * @param dataDir            where {@code state.json} and {@code admin-token} live; created if absent
 * @param host               the address to listen on; loopback by default
 * @param port               the port, or 0 for any free one (see {@link ControlPlane#address()})
 * @param clock              the time leases and registrations are measured in (tests inject one)
 * @param leaseSweepInterval how often expired leases are looked for
 * @param watchPingInterval  how often an idle watch is pinged; one silent for three times this
 *                           long is closed as dead
 */
public record ControlPlaneOptions(
    Path dataDir, String host, int port, Clock clock, Duration leaseSweepInterval,
    Duration watchPingInterval) {

  public static final int DEFAULT_PORT = 7420;

  public ControlPlaneOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(clock, "clock");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
    }
    requirePositive("leaseSweepInterval", leaseSweepInterval);
    requirePositive("watchPingInterval", watchPingInterval);
  }

  /** Loopback, the default port, the system clock, leases checked every second, pings every 15s. */
  public static ControlPlaneOptions defaults(Path dataDir) {
    return new ControlPlaneOptions(dataDir, "127.0.0.1", DEFAULT_PORT, Clock.systemUTC(),
        Duration.ofSeconds(1), Duration.ofSeconds(15));
  }

  public ControlPlaneOptions withHost(String newHost) {
    return new ControlPlaneOptions(dataDir, newHost, port, clock, leaseSweepInterval, watchPingInterval);
  }

  public ControlPlaneOptions withPort(int newPort) {
    return new ControlPlaneOptions(dataDir, host, newPort, clock, leaseSweepInterval, watchPingInterval);
  }

  public ControlPlaneOptions withClock(Clock newClock) {
    return new ControlPlaneOptions(dataDir, host, port, newClock, leaseSweepInterval, watchPingInterval);
  }

  public ControlPlaneOptions withLeaseSweepInterval(Duration interval) {
    return new ControlPlaneOptions(dataDir, host, port, clock, interval, watchPingInterval);
  }

  public ControlPlaneOptions withWatchPingInterval(Duration interval) {
    return new ControlPlaneOptions(dataDir, host, port, clock, leaseSweepInterval, interval);
  }

  private static void requirePositive(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: > 0)");
    }
  }
}
