package dev.trellis.proxy.outbound;

import dev.trellis.proxy.http.HttpExchange;
import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.http.ProxyError;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long a request waits for its response to start (the service's {@code
 * timeouts.request}): past it the caller gets 504 "request timeout: catalog 127.0.0.1:41235
 * after 1s" and the upstream stream is cancelled. A response that has started streams on
 * unbounded, so long downloads and server streams are not cut.
 *
 * <p>The timer runs on the exchange's event loop and is cancelled when the exchange ends.
 */
final class RequestTimeout implements HttpService {
  private final HttpService next;

  RequestTimeout(HttpService next) {
    this.next = next;
  }

  @Override
  public void serve(HttpExchange exchange) {
    Duration timeout = exchange.service().policy().requestTimeout();
    if (timeout != null) {
      ScheduledFuture<?> timer =
          exchange
              .eventLoop()
              .schedule(
                  () -> {
                    if (!exchange.responseStarted()) {
                      String where = exchange.target().isEmpty()
                          ? exchange.service().key().displayName()
                          : exchange.target();
                      exchange.fail(ProxyError.requestTimeout(where, timeout));
                    }
                  },
                  timeout.toNanos(),
                  TimeUnit.NANOSECONDS);
      exchange.onFinish(done -> timer.cancel(false));
    }
    next.serve(exchange);
  }
}
