package dev.trellis.proxy.drain;

import dev.trellis.proxy.http.HttpService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a sidecar leaves without cutting requests: it counts the exchanges in flight, inbound and
 * outbound alike, and once {@linkplain #start() draining} tells callers to go elsewhere (HTTP/1.1
 * responses carry {@code Connection: close}, HTTP/2 connections get a GOAWAY) while still serving
 * whatever arrives: peers keep routing here until their next snapshot drops this instance.
 *
 * <pre>
 *   deregister -> drain.start() -> wait until inFlight() == 0 (bounded) -> close
 * </pre>
 *
 * <p>Thread-safe and lock-free: the count is touched once at the start and once at the end of
 * every exchange, on its event loop; {@link #start} and {@link #inFlight} from any thread.
 */
public final class Drain {
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean draining;

  /** Wraps a request chain so that its exchanges are counted and learn of the drain. */
  public HttpService track(HttpService next) {
    return exchange -> {
      inFlight.incrementAndGet();
      exchange.onFinish(done -> inFlight.decrementAndGet());
      exchange.closeConnectionIf(this::draining);
      next.serve(exchange);
    };
  }

  /** From now on responses ask callers to close their connections; nothing is refused. */
  public void start() {
    draining = true;
  }

  /** True once {@link #start} was called. */
  public boolean draining() {
    return draining;
  }

  /** Exchanges begun and not yet finished, inbound and outbound. */
  public int inFlight() {
    return inFlight.get();
  }
}
