package dev.trellis.config.policy;

import dev.trellis.config.WireValue;
import java.util.Optional;

/**
 * How a proxy picks an endpoint for each request.
 *
 * @param type           {@link Type#PEAK_EWMA} when the document says none
 * @param consistentHash what to hash; present exactly when {@code type} is CONSISTENT_HASH
 */
public record LoadBalancer(Type type, Optional<ConsistentHash> consistentHash) {
  /** What a policy without a {@code loadBalancer} section gets. */
  public static final LoadBalancer DEFAULT = new LoadBalancer(Type.PEAK_EWMA, Optional.empty());

  /** The balancing algorithms. */
  public enum Type implements WireValue {
    /** Power of two choices weighted by a decaying average of latency (Linkerd's default). */
    PEAK_EWMA("PeakEWMA"),
    /** Power of two choices by fewest requests in flight. */
    LEAST_REQUEST("LeastRequest"),
    ROUND_ROBIN("RoundRobin"),
    RANDOM("Random"),
    /** Requests with the same key go to the same endpoint while it is healthy. */
    CONSISTENT_HASH("ConsistentHash");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String wireName() {
      return wireName;
    }
  }

  /** What a consistent hash balancer hashes. */
  public sealed interface ConsistentHash {
    /** The value of a request header (absent: a random endpoint). */
    record Header(String name) implements ConsistentHash {}

    /** The value of a request cookie (absent: a random endpoint). */
    record Cookie(String name) implements ConsistentHash {}

    /** The caller's IP address. */
    record SourceIp() implements ConsistentHash {}
  }
}
