package dev.trellis.proxy.inbound;

import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.mesh.MeshView;
import dev.trellis.proxy.metrics.ProxyMetrics;
import dev.trellis.proxy.metrics.RequestMetrics;
import dev.trellis.proxy.pool.EndpointPools;
import java.util.function.LongSupplier;

/**
 * Assembles the inbound request path, the one place where its stages are put in order. Built
 * once per mesh snapshot.
 *
 * <pre>
 *   listener -> (mTLS seam) -> h2 codec -> RequestMetrics -> LocalTargetResolver -> LocalAppForwarder
 * </pre>
 *
 * Path normalisation, authorization and rate limits slot in between the resolver and the forwarder.
 */
public final class InboundStack {
  private InboundStack() {}

  public static HttpService build(MeshView view, LocalApp app, EndpointPools pools,
      ProxyMetrics metrics, LongSupplier nanoClock) {
    // Last: delivers to the application on loopback in the protocol it declared.
    HttpService deliver = new LocalAppForwarder(app, pools);
    // Which local port and protocol; strips the sidecar-to-sidecar destination header.
    HttpService resolved = new LocalTargetResolver(view, app, deliver);
    // First: metrics label every exchange with the local service and read the outcome when it
    // ends, so the resolver's refusals (421, 403) are counted with the application's answers.
    return RequestMetrics.inbound(metrics, app.service(), nanoClock, resolved);
  }
}
