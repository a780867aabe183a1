package dev.trellis.proxy.balance;

import java.util.Locale;
import java.util.Objects;

/**
 * Which balancer a service uses, as a {@code TrafficPolicy}'s {@code loadBalancer} section says.
 *
 * <p>The hash keys only mean something for {@link Kind#CONSISTENT_HASH}, which needs at least one
 * of them; when several are set, the first one present in a request wins, in the order header,
 * cookie, source IP (as Envoy's list of hash policies does). The configuration loader reports
 * bad values in the user's terms; this constructor is the last guard and throws
 * {@link IllegalArgumentException} naming the field.
 *
 * @param kind         the balancing algorithm; not null
 * @param hashHeader   header to hash on (stored lower-case), or {@code null}
 * @param hashCookie   cookie to hash on, or {@code null}
 * @param hashSourceIp hash on the caller's IP
 */
public record BalancerConfig(Kind kind, String hashHeader, String hashCookie, boolean hashSourceIp) {

  /** The balancing algorithms. */
  public enum Kind {
    /** Power of two choices on peak-EWMA latency times in-flight requests (Linkerd, Finagle). */
    PEAK_EWMA,
    /** Power of two choices on in-flight requests. */
    LEAST_REQUEST,
    /** Even rotation. */
    ROUND_ROBIN,
    /** Uniformly random. */
    RANDOM,
    /** Maglev consistent hash on a header, a cookie or the source IP. */
    CONSISTENT_HASH
  }

  /** Peak-EWMA, what a service without a load balancer section gets. */
  public static final BalancerConfig DEFAULT = new BalancerConfig(Kind.PEAK_EWMA, null, null, false);

  public BalancerConfig {
    Objects.requireNonNull(kind, "kind");
    if (hashHeader != null) {
      if (hashHeader.isBlank()) {
        throw new IllegalArgumentException("hashHeader: \"" + hashHeader + "\" (expected: a header name)");
      }
      hashHeader = hashHeader.toLowerCase(Locale.ROOT);
    }
    if (hashCookie != null && hashCookie.isBlank()) {
      throw new IllegalArgumentException("hashCookie: \"" + hashCookie + "\" (expected: a cookie name)");
    }
    boolean anyKey = hashHeader != null || hashCookie != null || hashSourceIp;
    if (kind == Kind.CONSISTENT_HASH && !anyKey) {
      throw new IllegalArgumentException(
          "kind: CONSISTENT_HASH (expected: hashHeader, hashCookie or hashSourceIp to be set)");
    }
    if (kind != Kind.CONSISTENT_HASH && anyKey) {
      throw new IllegalArgumentException(
          "kind: " + kind + " (expected: CONSISTENT_HASH when a hash key is set)");
    }
  }

  /** A config of {@code kind} without hash keys. */
  public static BalancerConfig of(Kind kind) {
    return new BalancerConfig(kind, null, null, false);
  }
}
