package dev.trellis.proxy.outbound;

import dev.trellis.proxy.balance.EndpointLoads;
import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.mesh.MeshView;
import dev.trellis.proxy.mesh.MissingServiceListener;
import dev.trellis.proxy.metrics.ProxyMetrics;
import dev.trellis.proxy.metrics.RequestMetrics;
import dev.trellis.proxy.pool.EndpointPools;
import dev.trellis.proxy.route.RouteStage;
import dev.trellis.proxy.tcp.TunnelConnector;
import java.util.function.LongSupplier;

/**
 * Assembles the outbound request path, the one place where its stages are put in order. Built
 * once per mesh snapshot; every outbound listener (the HTTP proxy port and the HTTP upstream
 * ports) serves its requests through the chain of the snapshot current when a request arrives.
 *
 * <pre>
 *   listener -> codec -> RequestMetrics -> ServiceResolver -> RouteStage -> RequestTimeout
 *            -> ConnectRetry -> EndpointPicker -> PeerForwarder (h2 pool or tunnel)
 * </pre>
 *
 * Retries and circuit breaking slot in between the resolver and the picker as further stages.
 */
public final class OutboundStack {
  private OutboundStack() {}

  public static HttpService build(
      MeshView view,
      String namespace,
      EndpointLoads loads,
      EndpointPools pools,
      TunnelConnector tunnels,
      LongSupplier nanoClock,
      MissingServiceListener missingServices,
      ProxyMetrics metrics) {
    // Last: hands the request to the picked endpoint's sidecar over the multiplexed HTTP/2 pool
    // of this event loop (or a byte tunnel for upgrades). Connect errors become 502/504 here.
    HttpService forward = new PeerForwarder(pools, tunnels);
    // Load balancer: picks among the routable endpoints and accounts in-flight requests and
    // latency on the endpoint, so it sits right above the stage whose latency it measures.
    HttpService balance = new EndpointPicker(loads, nanoClock, forward);
    // Connect retry: above the balancer, so each attempt is balanced afresh; only connection
    // failures, where nothing was sent, so no body copy is needed.
    HttpService retried = new ConnectRetry(ConnectRetry.DEFAULT_MAX_RETRIES, balance);
    // Request timeout: above the retry so the timer bounds all attempts together, connecting
    // included; below the resolver because the timeout is the service's.
    HttpService timed = new RequestTimeout(retried);
    // Routes: the resolved service's HTTPRoutes/GRPCRoutes may answer (404, redirect) or send the
    // request to another service; the timeout below is then the backend service's.
    HttpService routed = new RouteStage(view, timed);
    // Which service (and port) the request is for; everything below needs it.
    HttpService resolved = new ServiceResolver(view, namespace, missingServices, routed);
    // First: metrics read their labels (service, route, status) when the exchange ends, so they sit
    // above every stage that may answer and count the resolver's 404s and the routes' answers too.
    return RequestMetrics.outbound(metrics, view, nanoClock, resolved);
  }
}
