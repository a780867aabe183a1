package dev.trellis.proxy.pool;

/**
 * A pool had no connection to give, could open no more ({@code maxConnectionsPerEndpoint}) and
 * already had as many requests waiting as it lets wait. Nothing was sent anywhere.
 */
public final class PoolExhaustedException extends Exception {
  public PoolExhaustedException(String message) {
    super(message, null, false, false); // an answer to traffic, not a bug: no stack trace
  }
}
