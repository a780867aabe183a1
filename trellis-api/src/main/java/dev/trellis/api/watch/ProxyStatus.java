package dev.trellis.api.watch;

import java.time.Instant;
import java.util.List;

/**
 * What the control plane knows about one watching proxy, for {@code trellis status}.
 *
 * <p>Versions are 0 when nothing was sent, acked or nacked yet.
 *
 * @param connected     false once its watch closed (the entry stays until the node watches again)
 * @param lastNackError the error of the last nack, or null
 * @param since         when the current (or last) watch connection was opened
 */
public record ProxyStatus(
    String node, String service, String namespace, List<String> upstreams, boolean connected,
    long lastSentVersion, long lastAckedVersion, long lastNackedVersion, String lastNackError,
    Instant since) {

  public ProxyStatus {
    upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
  }
}
