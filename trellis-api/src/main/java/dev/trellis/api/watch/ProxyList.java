package dev.trellis.api.watch;

import java.util.List;

/** {@code GET /v1/proxies}: every node that watched since the control plane started, by name. */
public record ProxyList(long version, List<ProxyStatus> proxies) {
  public ProxyList {
    proxies = List.copyOf(proxies);
  }
}
