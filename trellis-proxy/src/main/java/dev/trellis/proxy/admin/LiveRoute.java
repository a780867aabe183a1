package dev.trellis.proxy.admin;

/** {@code /live}: 200 for as long as the process can answer at all (a liveness probe). */
final class LiveRoute implements AdminRoute {
  @Override
  public AdminResponse get() {
    return AdminResponse.text(200, "live");
  }
}
