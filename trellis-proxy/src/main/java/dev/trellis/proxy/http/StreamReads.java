package dev.trellis.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * How many frames an HTTP/2 stream channel ({@link Http2StreamChannel}) hands over per read: every
 * frame of the stream that arrived in the same read of the connection, up to {@link
 * #MAX_FRAMES_PER_READ}, before one {@code channelReadComplete}.
 *
 * <p>Netty's default stops after one frame when auto-read is off, which is how every stream
 * channel here runs. A response's HEADERS and DATA frames, which arrive together, then came as
 * two reads, each ending in a flush of the caller's connection: two {@code send} calls per
 * response where one does. Backpressure is unchanged: the exchange still asks for the next read
 * only while the other side is writable; what this adds per read is frames already received and
 * held in memory by the connection.
 */
public final class StreamReads implements RecvByteBufAllocator {
  /** Bounds what one read hands over when the peer sends many small frames at once. */
  static final int MAX_FRAMES_PER_READ = 16;

  /** Stateless: every stream channel gets its own handle from it. */
  public static final StreamReads INSTANCE = new StreamReads();

  private StreamReads() {}

  @Override
  public ExtendedHandle newHandle() {
    return new FrameCount();
  }

  /** Counts the frames of the current read; the byte figures only satisfy the interface. */
  private static final class FrameCount implements ExtendedHandle {
    private int frames;
    private int lastBytesRead;
    private int attemptedBytesRead;

    @Override
    public ByteBuf allocate(ByteBufAllocator alloc) {
      return alloc.ioBuffer(guess()); // a stream channel never reads bytes itself
    }

    @Override
    public int guess() {
      return 1024;
    }

    @Override
    public void reset(ChannelConfig config) {
      frames = 0;
    }

    @Override
    public void incMessagesRead(int numMessages) {
      frames += numMessages;
    }

    @Override
    public void lastBytesRead(int bytes) {
      lastBytesRead = bytes;
    }

    @Override
    public int lastBytesRead() {
      return lastBytesRead;
    }

    @Override
    public void attemptedBytesRead(int bytes) {
      attemptedBytesRead = bytes;
    }

    @Override
    public int attemptedBytesRead() {
      return attemptedBytesRead;
    }

    @Override
    public boolean continueReading() {
      return frames < MAX_FRAMES_PER_READ;
    }

    @Override
    public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
      return continueReading();
    }

    @Override
    public void readComplete() {
      frames = 0; // the next read starts its own count
    }
  }
}
