package dev.trellis.proxy.http;

/**
 * Chooses whether to try again after a connection attempt for an exchange failed (see {@link
 * HttpExchange#connectFailed}). Called on the exchange's event loop.
 */
@FunctionalInterface
public interface ConnectFailureHandler {
  /** Starts another attempt and returns true, or returns false to let {@code error} answer. */
  boolean retry(ProxyError error);
}
