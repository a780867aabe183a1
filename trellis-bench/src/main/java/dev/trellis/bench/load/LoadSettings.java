package dev.trellis.bench.load;

import java.time.Duration;
import java.util.Objects;

/**
 * One open-loop run: where to send, how fast, over how many connections, for how long.
 *
 * <p>The run sends at {@code ratePerSecond} for {@code warmup + measure}; only requests whose
 * intended send time falls in the measured window are recorded. Requests still unanswered
 * {@code drain} after the last intended send count as errors.
 *
 * @param host          target address, e.g. {@code 127.0.0.1}
 * @param port          1..65535
 * @param path          request path, starting with {@code /}
 * @param connections   fixed number of HTTP/1.1 keep-alive connections; at least 1
 * @param ratePerSecond offered rate; at least 1
 * @param warmup        sent but not recorded; zero or more
 * @param measure       the recorded window; more than zero
 * @param drain         how long to wait for the last answers; more than zero
 */
public record LoadSettings(String host, int port, String path, int connections, int ratePerSecond,
    Duration warmup, Duration measure, Duration drain) {

  public LoadSettings {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
    }
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("path: " + path + " (expected: a path starting with /)");
    }
    if (connections < 1) {
      throw new IllegalArgumentException("connections: " + connections + " (expected: >= 1)");
    }
    if (ratePerSecond < 1) {
      throw new IllegalArgumentException("rate: " + ratePerSecond + " (expected: >= 1)");
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("warmup: " + warmup + " (expected: >= 0)");
    }
    if (measure.isNegative() || measure.isZero()) {
      throw new IllegalArgumentException("measure: " + measure + " (expected: > 0)");
    }
    if (drain.isNegative() || drain.isZero()) {
      throw new IllegalArgumentException("drain: " + drain + " (expected: > 0)");
    }
  }

  /** The same settings at another rate. */
  public LoadSettings withRate(int rate) {
    return new LoadSettings(host, port, path, connections, rate, warmup, measure, drain);
  }
}
