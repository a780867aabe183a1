package dev.trellis.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MaglevTableTest {

  @Test
  void givesEveryEndpointAnAlmostEqualShareOfAPrimeSizedTable() {
    for (int n : new int[] {1, 2, 3, 7, 50, 700}) {
      MaglevTable table = new MaglevTable(Endpoints.many(n));
      int[] shares = table.slotsPerEndpoint();

      assertThat(BigInteger.valueOf(table.size()).isProbablePrime(50)).isTrue();
      assertThat(table.size()).isGreaterThanOrEqualTo(n * MaglevTable.SLOTS_PER_ENDPOINT);
      assertThat(Arrays.stream(shares).sum()).isEqualTo(table.size());
      assertThat(Arrays.stream(shares).max().getAsInt() - Arrays.stream(shares).min().getAsInt())
          .isLessThanOrEqualTo(1);
    }
  }

  @Test
  void keepsItsSizeWhenTheEndpointCountChanges() {
    // A size that followed the count would reshuffle nearly every key on each change.
    assertThat(new MaglevTable(Endpoints.many(3)).size())
        .isEqualTo(new MaglevTable(Endpoints.many(300)).size())
        .isEqualTo(MaglevTable.SIZE);
  }
}
