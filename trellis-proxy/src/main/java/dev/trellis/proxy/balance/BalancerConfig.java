package dev.trellis.proxy.balance;

/** Which balancer a service uses (from a TrafficPolicy's loadBalancer section). */
public record BalancerConfig(Kind kind, String hashHeader, String hashCookie, boolean hashSourceIp) {
  public enum Kind { PEAK_EWMA, LEAST_REQUEST, ROUND_ROBIN, RANDOM, CONSISTENT_HASH }

  public static final BalancerConfig DEFAULT = new BalancerConfig(Kind.PEAK_EWMA, null, null, false);
}
