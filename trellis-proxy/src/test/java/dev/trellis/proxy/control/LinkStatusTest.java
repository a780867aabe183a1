package dev.trellis.proxy.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LinkStatusTest {
  private static final Instant T0 = Instant.parse("2026-11-24T23:00:00Z");
  private static final Instant T1 = T0.plusSeconds(5);
  private static final Instant T2 = T0.plusSeconds(9);

  @Test
  void readyOnlyWhenRegisteredAndInSync() {
    LinkStatus starting = LinkStatus.starting(T0);
    assertThat(starting.ready()).isFalse();
    assertThat(starting.notReadyReason()).isEqualTo(
        "not registered with the control plane; out of sync since 2026-11-24T23:00:00Z: waiting for the first snapshot");

    LinkStatus synced = starting.inSync(4, T1);
    assertThat(synced.ready()).as("in sync but not registered").isFalse();
    assertThat(synced.withRegistration("web-1").ready()).isTrue();
    assertThat(synced.withRegistration("web-1").notReadyReason()).isEmpty();
    assertThat(synced.since()).isEqualTo(T1);
  }

  @Test
  void outOfSyncKeepsTheMomentItBeganAndTheVersionInUse() {
    LinkStatus lost = LinkStatus.starting(T0).withRegistration("web-1").inSync(4, T0)
        .outOfSync("control plane unreachable: Connection refused", T1)
        .outOfSync("snapshot 5 refused: bad", T2);

    assertThat(lost.since()).isEqualTo(T1);
    assertThat(lost.version()).isEqualTo(4);
    assertThat(lost.notReadyReason()).isEqualTo("out of sync since 2026-11-24T23:00:05Z: snapshot 5 refused: bad");
    assertThat(lost.inSync(6, T2)).satisfies(s -> {
      assertThat(s.sync()).isEqualTo(SyncState.IN_SYNC);
      assertThat(s.since()).isEqualTo(T2);
      assertThat(s.reason()).isEmpty();
    });
  }

  @Test
  void servingTheCacheSaysSoUntilALiveSnapshotArrives() {
    LinkStatus cached = LinkStatus.starting(T0).servingCache(7, "control plane unreachable at start", T1);

    assertThat(cached.fromCache()).isTrue();
    assertThat(cached.version()).isEqualTo(7);
    assertThat(cached.notReadyReason()).endsWith(
        "control plane unreachable at start (serving snapshot 7 from the disk cache)");
    assertThat(cached.withRegistration("web-1").inSync(8, T2).fromCache()).isFalse();
  }
}
