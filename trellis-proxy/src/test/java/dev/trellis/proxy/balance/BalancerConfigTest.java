package dev.trellis.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.proxy.balance.BalancerConfig.Kind;
import org.junit.jupiter.api.Test;

class BalancerConfigTest {

  @Test
  void defaultIsPeakEwmaWithoutHashKeys() {
    assertThat(BalancerConfig.DEFAULT).isEqualTo(new BalancerConfig(Kind.PEAK_EWMA, null, null, false));
  }

  @Test
  void storesTheHashHeaderLowerCase() {
    assertThat(new BalancerConfig(Kind.CONSISTENT_HASH, "X-User-Id", null, false).hashHeader())
        .isEqualTo("x-user-id");
  }

  @Test
  void consistentHashNeedsAKey() {
    assertThatThrownBy(() -> BalancerConfig.of(Kind.CONSISTENT_HASH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kind: CONSISTENT_HASH (expected: hashHeader, hashCookie or hashSourceIp to be set)");
  }

  @Test
  void hashKeysNeedConsistentHash() {
    assertThatThrownBy(() -> new BalancerConfig(Kind.ROUND_ROBIN, null, "session", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kind: ROUND_ROBIN (expected: CONSISTENT_HASH when a hash key is set)");
    assertThatThrownBy(() -> new BalancerConfig(Kind.PEAK_EWMA, null, null, true))
        .hasMessage("kind: PEAK_EWMA (expected: CONSISTENT_HASH when a hash key is set)");
  }

  @Test
  void refusesBlankNamesAndMissingKind() {
    assertThatThrownBy(() -> new BalancerConfig(Kind.CONSISTENT_HASH, " ", null, false))
        .hasMessage("hashHeader: \" \" (expected: a header name)");
    assertThatThrownBy(() -> new BalancerConfig(Kind.CONSISTENT_HASH, null, "", false))
        .hasMessage("hashCookie: \"\" (expected: a cookie name)");
    assertThatThrownBy(() -> new BalancerConfig(null, null, null, false))
        .isInstanceOf(NullPointerException.class);
  }
}
