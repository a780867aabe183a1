package dev.trellis.bench.wrk;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a wrk run reported, read from its standard output.
 *
 * <p>wrk prints {@code N requests in 5.00s, ...}, {@code Requests/sec: R}, and, only when there
 * were any, {@code Socket errors: connect a, read b, write c, timeout d} and
 * {@code Non-2xx or 3xx responses: n}. Absent error lines mean zero.
 *
 * @param requests      responses received, whatever their status
 * @param seconds       the run's length as wrk measured it
 * @param requestsPerSecond wrk's own rate figure
 * @param socketErrors  connect + read + write + timeout errors
 * @param non2xx        responses with a status outside 2xx and 3xx
 */
public record WrkOutput(long requests, double seconds, double requestsPerSecond, long socketErrors, long non2xx) {

  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ([0-9.]+)(us|ms|s|m)");
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern SOCKET_ERRORS = Pattern.compile(
      "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

  /**
   * Reads wrk's output.
   *
   * @throws IllegalArgumentException when the totals or the rate are missing (wrk failed), with
   *                                  the start of the output in the message
   */
  public static WrkOutput parse(String output) {
    Matcher total = TOTAL.matcher(output);
    Matcher rate = RATE.matcher(output);
    if (!total.find() || !rate.find()) {
      String start = output.strip();
      start = start.length() > 200 ? start.substring(0, 200) + "..." : start;
      throw new IllegalArgumentException("wrk output: \"" + start
          + "\" (expected: \"N requests in Ts\" and \"Requests/sec: R\")");
    }
    long socketErrors = 0;
    Matcher errors = SOCKET_ERRORS.matcher(output);
    if (errors.find()) {
      for (int group = 1; group <= 4; group++) {
        socketErrors += Long.parseLong(errors.group(group));
      }
    }
    Matcher non2xx = NON_2XX.matcher(output);
    long badStatus = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
    return new WrkOutput(Long.parseLong(total.group(1)), seconds(total.group(2), total.group(3)),
        Double.parseDouble(rate.group(1)), socketErrors, badStatus);
  }

  /** Responses with a good status. */
  public long goodRequests() {
    return requests - non2xx;
  }

  /** Socket errors plus bad statuses. */
  public long errors() {
    return socketErrors + non2xx;
  }

  private static double seconds(String value, String unit) {
    double number = Double.parseDouble(value);
    return switch (unit) {
      case "us" -> number / 1e6;
      case "ms" -> number / 1e3;
      case "m" -> number * 60;
      default -> number;
    };
  }
}
