package dev.trellis.proxy.admin;

import dev.trellis.proxy.control.LinkStatus;
import java.util.function.Supplier;

/**
 * {@code /ready}: 200 only when the sidecar is registered and runs the control plane's latest
 * snapshot; otherwise 503 with the reason, e.g. {@code not ready: out of sync since ...: control
 * plane unreachable: Connection refused}.
 */
final class ReadyRoute implements AdminRoute {
  private final Supplier<LinkStatus> status;

  ReadyRoute(Supplier<LinkStatus> status) {
    this.status = status;
  }

  @Override
  public AdminResponse get() {
    LinkStatus now = status.get();
    return now.ready()
        ? AdminResponse.text(200, "ready: snapshot " + now.version())
        : AdminResponse.text(503, "not ready: " + now.notReadyReason());
  }
}
