package dev.trellis.proxy.outbound;

import dev.trellis.proxy.balance.Endpoint;
import dev.trellis.proxy.balance.EndpointLoad;
import dev.trellis.proxy.balance.EndpointLoads;
import dev.trellis.proxy.http.HttpExchange;
import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.http.ProxyError;
import dev.trellis.proxy.mesh.ServiceView;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Picks the endpoint of the routed service with the service's balancer and accounts the request
 * on that endpoint's load (in flight now, latency and failure when it ends), which is what
 * peak-EWMA and least-request balancing feed on.
 *
 * <p>Answers 503 with "no healthy endpoint: catalog (3 registered, 0 healthy)" when the balancer
 * has nothing to pick.
 */
final class EndpointPicker implements HttpService {
  /** How often the balancer is asked before the untried endpoints are scanned in order. */
  private static final int PICKS_BEFORE_SCAN = 3;

  private final EndpointLoads loads;
  private final LongSupplier nanoClock;
  private final HttpService next;

  EndpointPicker(EndpointLoads loads, LongSupplier nanoClock, HttpService next) {
    this.loads = loads;
    this.nanoClock = nanoClock;
    this.next = next;
  }

  @Override
  public void serve(HttpExchange exchange) {
    ServiceView service = exchange.service();
    Endpoint endpoint = pickUntried(service, exchange);
    if (endpoint == null) {
      exchange.fail(
          ProxyError.noHealthyEndpoint(
              service.key().displayName(), service.registeredEndpoints(), service.routableEndpoints()));
      return;
    }
    Attempt attempt = new Attempt(loads.of(endpoint), nanoClock);
    // A failed connection ends this endpoint's part at once; otherwise the exchange's end does.
    exchange.onAttemptFailed(() -> attempt.finish(true));
    exchange.onFinish(done -> attempt.finish(done.failed()));
    exchange.endpoint(endpoint);
    exchange.target(service.key().displayName() + " " + endpoint.host() + ":" + endpoint.port());
    next.serve(exchange);
  }

  /**
   * The balancer's pick among the endpoints this exchange has not tried yet. A retry must not go
   * back to the endpoint that just refused it, yet a load-aware balancer may well choose it again
   * (a fast refusal looks like a cheap endpoint to peak EWMA): the balancer is asked a few times,
   * then the first untried endpoint in its list is taken. Null only when the balancer has none.
   */
  private static Endpoint pickUntried(ServiceView service, HttpExchange exchange) {
    List<Endpoint> tried = exchange.triedEndpoints();
    Endpoint pick = service.balancer().pick(exchange.pickRequest());
    for (int ask = 1; pick != null && tried.contains(pick) && ask < PICKS_BEFORE_SCAN; ask++) {
      pick = service.balancer().pick(exchange.pickRequest());
    }
    if (pick == null || !tried.contains(pick)) {
      return pick;
    }
    for (Endpoint candidate : service.balancer().endpoints()) {
      if (!tried.contains(candidate)) {
        return candidate;
      }
    }
    return pick; // every endpoint was tried (the retry stage never asks for more than there are)
  }

  /** One request on one endpoint's load, finished exactly once. Event-loop confined. */
  private static final class Attempt {
    private final EndpointLoad load;
    private final LongSupplier nanoClock;
    private final long start;
    private boolean finished;

    Attempt(EndpointLoad load, LongSupplier nanoClock) {
      this.load = load;
      this.nanoClock = nanoClock;
      this.start = nanoClock.getAsLong();
      load.requestStarted();
    }

    void finish(boolean failed) {
      if (!finished) {
        finished = true;
        load.requestFinished(nanoClock.getAsLong() - start, failed);
      }
    }
  }
}
