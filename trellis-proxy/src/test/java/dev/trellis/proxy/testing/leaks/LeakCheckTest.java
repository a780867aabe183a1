package dev.trellis.proxy.testing.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak check can fail: a buffer dropped without release is reported, with where it was used. */
class LeakCheckTest {
  @Test
  void aDroppedBufferIsReported() {
    LeakCheck.collect(); // start from a clean record
    leakOne();
    assertThat(LeakCheck.collect())
        .as("leaks reported")
        .anySatisfy(leak -> assertThat(leak).contains("ByteBuf").contains("leakOne"));
  }

  private static void leakOne() {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(16);
    buf.writeLong(42); // an access record that names this method
  }
}
