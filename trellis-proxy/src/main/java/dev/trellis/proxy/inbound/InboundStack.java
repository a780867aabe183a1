package dev.trellis.proxy.inbound;

import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.mesh.MeshView;
import dev.trellis.proxy.pool.EndpointPools;

/**
 * Assembles the inbound request path, the one place where its stages are put in order. Built
 * once per mesh snapshot.
 *
 * <pre>
 *   listener -> (mTLS seam) -> h2 codec -> LocalTargetResolver -> LocalAppForwarder
 * </pre>
 *
 * Path normalisation, authorization, rate limits and metrics slot in between the two stages.
 */
public final class InboundStack {
  private InboundStack() {}

  public static HttpService build(MeshView view, LocalApp app, EndpointPools pools) {
    // Last: delivers to the application on loopback in the protocol it declared.
    HttpService deliver = new LocalAppForwarder(app, pools);
    // First: which local port and protocol; strips the sidecar-to-sidecar destination header.
    return new LocalTargetResolver(view, app, deliver);
  }
}
