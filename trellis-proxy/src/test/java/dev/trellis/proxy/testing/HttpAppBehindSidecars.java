package dev.trellis.proxy.testing;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import java.util.List;

/**
 * The smallest mesh most data-path tests need: an HTTP/1.1 app serving {@code catalog} behind its
 * sidecar ({@code callee}), and a {@code caller} sidecar that knows that one endpoint.
 */
public record HttpAppBehindSidecars(TestHttpApp app, SidecarProxy callee, SidecarProxy caller)
    implements AutoCloseable {

  /** Starts the app (named {@code catalog-1} in its answers) and both sidecars. */
  public static HttpAppBehindSidecars start() throws Exception {
    TestHttpApp app = TestHttpApp.start("catalog-1");
    SidecarProxy callee = Sidecars.serving(ServiceKey.of("catalog"), app.port());
    SidecarProxy caller = Sidecars.calling();
    Sidecars.apply(List.of(service("catalog", AppProtocol.HTTP, endpointOf("c1", callee))),
        caller, callee);
    return new HttpAppBehindSidecars(app, callee, caller);
  }

  @Override
  public void close() {
    caller.close();
    callee.close();
    app.close();
  }
}
