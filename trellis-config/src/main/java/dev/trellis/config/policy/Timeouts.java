package dev.trellis.config.policy;

import java.time.Duration;
import java.util.Optional;

/**
 * Timeouts for calls to the target; empty leaves the proxy default (or a route's own).
 *
 * @param request the whole exchange, retries included
 * @param idle    a stream or connection with no traffic for this long is closed
 * @param connect opening a connection to an endpoint
 */
public record Timeouts(Optional<Duration> request, Optional<Duration> idle,
    Optional<Duration> connect) {}
