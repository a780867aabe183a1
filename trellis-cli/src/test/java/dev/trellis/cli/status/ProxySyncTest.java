package dev.trellis.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.watch.ProxyStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxySyncTest {

  @Test
  void inSyncWhenTheLastSnapshotSentIsAcked() {
    assertThat(ProxySync.of(proxy(true, 42, 42, 0))).isEqualTo(ProxySync.IN_SYNC);
  }

  @Test
  void pendingWhileTheLastSnapshotIsUnanswered() {
    assertThat(ProxySync.of(proxy(true, 43, 42, 0))).isEqualTo(ProxySync.PENDING);
    assertThat(ProxySync.of(proxy(true, 0, 0, 0))).isEqualTo(ProxySync.PENDING);
  }

  @Test
  void nackedWhenItRefusedTheLastSnapshot() {
    assertThat(ProxySync.of(proxy(true, 43, 42, 43))).isEqualTo(ProxySync.NACKED);
  }

  @Test
  void aNackOfAnOlderSnapshotNoLongerCounts() {
    assertThat(ProxySync.of(proxy(true, 44, 44, 43))).isEqualTo(ProxySync.IN_SYNC);
  }

  @Test
  void disconnectedWhateverItAcked() {
    assertThat(ProxySync.of(proxy(false, 42, 42, 0))).isEqualTo(ProxySync.DISCONNECTED);
  }

  private static ProxyStatus proxy(boolean connected, long sent, long acked, long nacked) {
    return new ProxyStatus("web-1", "web", "default", List.of(), connected, sent, acked, nacked,
        nacked > 0 ? "bad" : null, Instant.EPOCH);
  }
}
