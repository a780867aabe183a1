package dev.trellis.bench.h2load;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an h2load run of gRPC calls reported, read from its standard output.
 *
 * <p>h2load (nghttp2) prints {@code finished in 2.00s, R req/s, ...},
 * {@code requests: T total, S started, D done, OK succeeded, F failed, E errored, O timeout} and
 * {@code traffic: ... total, ... headers (...), X (BYTES) data}. It knows HTTP statuses only: a
 * failed gRPC call is an HTTP 200 whose trailers carry a non-zero {@code grpc-status} and,
 * from every server we run, no message. So the answers that carried a whole message are
 * counted from the DATA bytes received ({@code data / frameBytes}), and the succeeded answers
 * beyond that count as errors.
 *
 * @param seconds     the run's length as h2load measured it
 * @param done        requests that ended, however
 * @param succeeded   answers with a 2xx or 3xx status
 * @param failed      requests h2load counts as failed (errored and timed out included)
 * @param dataBytes   DATA frame payload bytes received
 * @param frameBytes  size of one answer's gRPC message with its 5-byte prefix
 */
public record H2loadOutput(double seconds, long done, long succeeded, long failed, long dataBytes, int frameBytes) {

  private static final Pattern FINISHED = Pattern.compile("finished in ([0-9.]+)(us|ms|s|m|h)?,");
  private static final Pattern REQUESTS = Pattern.compile(
      "requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed");
  private static final Pattern DATA = Pattern.compile("traffic: .*?\\((\\d+)\\) data");

  /**
   * Reads h2load's output.
   *
   * @param frameBytes the size of one whole answer message with its prefix; at least 1
   * @throws IllegalArgumentException when a line is missing (h2load failed), with the start of
   *                                  the output in the message
   */
  public static H2loadOutput parse(String output, int frameBytes) {
    if (frameBytes < 1) {
      throw new IllegalArgumentException("frameBytes: " + frameBytes + " (expected: >= 1)");
    }
    Matcher finished = FINISHED.matcher(output);
    Matcher requests = REQUESTS.matcher(output);
    Matcher data = DATA.matcher(output);
    if (!finished.find() || !requests.find() || !data.find()) {
      String start = output.strip();
      start = start.length() > 200 ? start.substring(0, 200) + "..." : start;
      throw new IllegalArgumentException("h2load output: \"" + start
          + "\" (expected: \"finished in Ts\", \"requests: ...\" and \"traffic: ... (N) data\")");
    }
    return new H2loadOutput(seconds(finished.group(1), finished.group(2)), Long.parseLong(requests.group(3)),
        Long.parseLong(requests.group(4)), Long.parseLong(requests.group(5)), Long.parseLong(data.group(1)),
        frameBytes);
  }

  /** Answers with a good status that carried a whole message. */
  public long goodCalls() {
    return Math.min(succeeded, dataBytes / frameBytes);
  }

  /** Failed requests, plus good-status answers without a whole message (gRPC errors). */
  public long errors() {
    return failed + (succeeded - goodCalls());
  }

  /** Good calls per second of the run. */
  public double goodPerSecond() {
    return goodCalls() / seconds;
  }

  private static double seconds(String value, String unit) {
    double number = Double.parseDouble(value);
    if (unit == null) {
      return number;
    }
    return switch (unit) {
      case "us" -> number / 1e6;
      case "ms" -> number / 1e3;
      case "m" -> number * 60;
      case "h" -> number * 3600;
      default -> number;
    };
  }
}
