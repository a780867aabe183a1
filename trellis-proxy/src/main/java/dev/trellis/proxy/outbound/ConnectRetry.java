package dev.trellis.proxy.outbound;

import dev.trellis.proxy.http.HttpExchange;
import dev.trellis.proxy.http.HttpService;

/**
 * Tries another endpoint when connecting to the picked one fails (refused, timed out): nothing of
 * the request has left the proxy then, so no body needs keeping and any method is safe to send
 * again. At most {@code maxRetries} more attempts, and never more than the service has other
 * endpoints; each attempt is balanced afresh among the endpoints this request has not tried yet
 * (see {@code EndpointPicker}), and the failed endpoint's load records the failure.
 *
 * <p>Failures after the request started (a reset, a 5xx) are not this stage's business: they
 * need the retry policy and its budget.
 */
final class ConnectRetry implements HttpService {
  /** Retries when the policy says nothing: enough to step over one or two dead endpoints. */
  static final int DEFAULT_MAX_RETRIES = 2;

  private final int maxRetries;
  private final HttpService next;

  ConnectRetry(int maxRetries, HttpService next) {
    this.maxRetries = maxRetries;
    this.next = next;
  }

  @Override
  public void serve(HttpExchange exchange) {
    int[] left = {Math.min(maxRetries, exchange.service().routableEndpoints() - 1)};
    exchange.onConnectFailure(
        error -> {
          if (left[0] <= 0) {
            return false;
          }
          left[0]--;
          next.serve(exchange);
          return true;
        });
    next.serve(exchange);
  }
}
