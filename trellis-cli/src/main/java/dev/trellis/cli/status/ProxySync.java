package dev.trellis.cli.status;

import dev.trellis.api.watch.ProxyStatus;

/**
 * Whether one proxy runs what the control plane last sent it, as {@code trellis status} reports.
 *
 * <ul>
 *   <li>{@code IN_SYNC}: connected, and it acked the last snapshot sent;</li>
 *   <li>{@code PENDING}: connected, the last snapshot sent is neither acked nor nacked yet (or
 *       nothing was sent yet);</li>
 *   <li>{@code NACKED}: it refused the last snapshot sent and runs an older one;</li>
 *   <li>{@code DISCONNECTED}: its watch is closed; it serves whatever it last had.</li>
 * </ul>
 */
public enum ProxySync {
  IN_SYNC, PENDING, NACKED, DISCONNECTED;

  public static ProxySync of(ProxyStatus proxy) {
    if (!proxy.connected()) {
      return DISCONNECTED;
    }
    if (proxy.lastSentVersion() > 0 && proxy.lastAckedVersion() == proxy.lastSentVersion()) {
      return IN_SYNC;
    }
    if (proxy.lastSentVersion() > 0 && proxy.lastNackedVersion() == proxy.lastSentVersion()) {
      return NACKED;
    }
    return PENDING;
  }
}
