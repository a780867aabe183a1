package dev.trellis.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class StreamReadsTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();

  @Test
  void keepsReadingWithAutoReadOffUpToTheBound() {
    channel.config().setAutoRead(false);
    RecvByteBufAllocator.ExtendedHandle handle = StreamReads.INSTANCE.newHandle();
    handle.reset(channel.config());

    for (int frame = 1; frame < StreamReads.MAX_FRAMES_PER_READ; frame++) {
      handle.incMessagesRead(1);
      assertThat(handle.continueReading()).as("after frame %d", frame).isTrue();
    }
    handle.incMessagesRead(1);

    assertThat(handle.continueReading()).isFalse();
    assertThat(handle.continueReading(() -> true)).isFalse();
  }

  @Test
  void eachReadCountsItsOwnFrames() {
    RecvByteBufAllocator.ExtendedHandle handle = StreamReads.INSTANCE.newHandle();
    handle.reset(channel.config());
    handle.incMessagesRead(StreamReads.MAX_FRAMES_PER_READ);
    assertThat(handle.continueReading()).isFalse();

    handle.readComplete();

    assertThat(handle.continueReading()).isTrue();
  }

  @Test
  void everyChannelGetsItsOwnCount() {
    RecvByteBufAllocator.ExtendedHandle first = StreamReads.INSTANCE.newHandle();
    RecvByteBufAllocator.ExtendedHandle second = StreamReads.INSTANCE.newHandle();
    first.reset(channel.config());
    second.reset(channel.config());

    first.incMessagesRead(StreamReads.MAX_FRAMES_PER_READ);

    assertThat(first.continueReading()).isFalse();
    assertThat(second.continueReading()).isTrue();
  }
}
