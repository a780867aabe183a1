package dev.trellis.config.policy;

import dev.trellis.config.WireValue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Active health checking of the target service's endpoints by the control plane.
 *
 * @param type               HTTP (a request) or TCP (a connect)
 * @param http               what to request; present exactly when {@code type} is HTTP
 * @param interval           between checks; default 5s
 * @param timeout            for one check, shorter than {@code interval}; default 1s
 * @param healthyThreshold   successes in a row that mark an endpoint healthy; default 1
 * @param unhealthyThreshold failures in a row that mark it unhealthy; default 3
 */
public record HealthCheck(Type type, Optional<Http> http, Duration interval, Duration timeout,
    int healthyThreshold, int unhealthyThreshold) {

  /** How an endpoint is checked. */
  public enum Type implements WireValue {
    HTTP("HTTP"),
    TCP("TCP");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String wireName() {
      return wireName;
    }
  }

  /**
   * An HTTP check: a GET of {@code path}, healthy when the status is in one of the ranges.
   *
   * @param path             starts with "/"
   * @param expectedStatuses 200..399 when the document says none
   */
  public record Http(String path, List<StatusRange> expectedStatuses) {
    public static final List<StatusRange> DEFAULT_STATUSES = List.of(new StatusRange(200, 399));

    public Http {
      expectedStatuses = List.copyOf(expectedStatuses);
    }

    /** True when {@code status} is one of the expected ones. */
    public boolean expects(int status) {
      return expectedStatuses.stream().anyMatch(r -> r.contains(status));
    }
  }

  /** Inclusive range of HTTP statuses; a single code is a range of one. */
  public record StatusRange(int from, int to) {
    public boolean contains(int status) {
      return status >= from && status <= to;
    }
  }
}
