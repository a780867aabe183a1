package dev.trellis.control.health;

import dev.trellis.config.policy.HealthCheck;

/**
 * Checks one endpoint once, blocking the calling (virtual) thread for at most the check's
 * {@code timeout}. Never throws: every failure is a failed {@link ProbeResult} that says why.
 */
public interface Probe {

  ProbeResult check(String address, int port, HealthCheck check);

  /** The probe for a check's type. */
  static Probe of(HealthCheck check) {
    return switch (check.type()) {
      case HTTP -> new HttpProbe();
      case TCP -> new TcpProbe();
    };
  }
}
