package dev.trellis.proxy.testing;

import io.netty.buffer.ByteBuf;
import java.io.InputStream;
import java.util.zip.CRC32;

/** A deterministic byte pattern, so both ends of a large transfer can check it without storing it. */
public final class Patterns {
  private Patterns() {}

  /** The byte at {@code offset}. */
  public static byte at(long offset) {
    return (byte) (offset * 31 + (offset >>> 13));
  }

  public static void fill(ByteBuf buf, long offset, int length) {
    for (int i = 0; i < length; i++) {
      buf.writeByte(at(offset + i));
    }
  }

  /** The pattern's first {@code length} bytes as a stream. */
  public static InputStream stream(long length) {
    return new InputStream() {
      private long position;

      @Override
      public int read() {
        return position < length ? at(position++) & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (position >= length) {
          return -1;
        }
        int n = (int) Math.min(len, length - position);
        for (int i = 0; i < n; i++) {
          b[off + i] = at(position++);
        }
        return n;
      }
    };
  }

  /** The CRC-32 of the pattern's first {@code length} bytes. */
  public static long crc(long length) {
    CRC32 crc = new CRC32();
    byte[] block = new byte[64 * 1024];
    long done = 0;
    while (done < length) {
      int n = (int) Math.min(block.length, length - done);
      for (int i = 0; i < n; i++) {
        block[i] = at(done + i);
      }
      crc.update(block, 0, n);
      done += n;
    }
    return crc.getValue();
  }
}
