package dev.trellis.config.policy;

import dev.trellis.config.WireValue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When and how often a failed request is tried again.
 *
 * @param attempts      0..10 retries after the first try; default 2
 * @param perTryTimeout each try's own limit; empty for none
 * @param retryOn       the failures that are retried; default connect-failure, refused-stream,
 *                      unavailable (safe for any method: the request never reached the app)
 * @param backoff       waits between tries
 * @param budget        caps retries relative to requests, so that retries cannot multiply load
 */
public record Retries(int attempts, Optional<Duration> perTryTimeout, List<RetryOn> retryOn,
    Backoff backoff, Budget budget) {

  public static final List<RetryOn> DEFAULT_RETRY_ON =
      List.of(RetryOn.CONNECT_FAILURE, RetryOn.REFUSED_STREAM, RetryOn.UNAVAILABLE);

  public Retries {
    retryOn = List.copyOf(retryOn);
  }

  /**
   * Exponential backoff with jitter between tries.
   *
   * @param baseInterval the first wait; default 25ms
   * @param maxInterval  the longest wait, at least {@code baseInterval}; default 250ms
   */
  public record Backoff(Duration baseInterval, Duration maxInterval) {
    public static final Backoff DEFAULT =
        new Backoff(Duration.ofMillis(25), Duration.ofMillis(250));
  }

  /**
   * A retry budget, as in Linkerd: retries may add at most {@code percent} to the requests of
   * the last seconds, plus {@code minRetriesPerSecond} so that low traffic can still retry.
   *
   * @param percent             1..100; default 20
   * @param minRetriesPerSecond at least 0; default 10
   */
  public record Budget(int percent, int minRetriesPerSecond) {
    public static final Budget DEFAULT = new Budget(20, 10);
  }

  /** Failure classes a retry can be asked for (the names Envoy and gRPC use). */
  public enum RetryOn implements WireValue {
    FIVE_XX("5xx"),
    GATEWAY_ERROR("gateway-error"),
    RESET("reset"),
    CONNECT_FAILURE("connect-failure"),
    RETRIABLE_4XX("retriable-4xx"),
    REFUSED_STREAM("refused-stream"),
    UNAVAILABLE("unavailable"),
    CANCELLED("cancelled"),
    DEADLINE_EXCEEDED("deadline-exceeded"),
    RESOURCE_EXHAUSTED("resource-exhausted");

    private final String wireName;

    RetryOn(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String wireName() {
      return wireName;
    }
  }
}
