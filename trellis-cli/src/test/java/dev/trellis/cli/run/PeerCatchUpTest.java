package dev.trellis.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.watch.ProxyList;
import dev.trellis.api.watch.ProxyStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which proxies still run a snapshot with the instance that left (it left after version 10). */
class PeerCatchUpTest {
  private static final long BEFORE = 10;

  @Test
  void aProxySentTheDeparturePendsUntilItAcksIt() {
    ProxyList proxies = list(proxy("web-1", true, 11, 10), proxy("web-2", true, 12, 12));
    assertThat(PeerCatchUp.lagging(proxies, "catalog-1", BEFORE)).containsExactly("web-1");
  }

  @Test
  void aProxyNeverSentAnythingNewerIsOutOfScope() {
    ProxyList proxies = list(proxy("billing-1", true, 7, 6));
    assertThat(PeerCatchUp.lagging(proxies, "catalog-1", BEFORE)).isEmpty();
  }

  @Test
  void itselfAndDisconnectedProxiesAreNotWaitedFor() {
    ProxyList proxies = list(proxy("catalog-1", true, 11, 10), proxy("web-3", false, 11, 10));
    assertThat(PeerCatchUp.lagging(proxies, "catalog-1", BEFORE)).isEmpty();
  }

  private static ProxyList list(ProxyStatus... proxies) {
    return new ProxyList(12, List.of(proxies));
  }

  private static ProxyStatus proxy(String node, boolean connected, long sent, long acked) {
    return new ProxyStatus(node, node.substring(0, node.indexOf('-')), "default", List.of("catalog"),
        connected, sent, acked, 0, null, Instant.EPOCH);
  }
}
