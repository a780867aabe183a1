package dev.trellis.config.policy;

/**
 * A token bucket on the target's inbound side: requests beyond it get 429.
 *
 * @param requestsPerSecond the refill rate, more than 0 (fractions allowed: 0.5 is one every 2s)
 * @param burst             the bucket size, at least 1; when the document says none, the rate
 *                          rounded up
 */
public record RateLimit(double requestsPerSecond, int burst) {}
