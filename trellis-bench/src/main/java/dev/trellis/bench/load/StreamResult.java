package dev.trellis.bench.load;

/**
 * What one TCP stream run received within its measured window.
 *
 * @param bytes       bytes read over all connections within the window
 * @param windowNanos the window's length
 * @param lost        connections that closed before the window ended
 */
public record StreamResult(long bytes, long windowNanos, int lost) {

  /** Throughput in MiB per second. */
  public double mibPerSecond() {
    return bytes / (1024.0 * 1024.0) / (windowNanos / 1e9);
  }
}
