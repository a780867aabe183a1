package dev.trellis.control.health;

import dev.trellis.config.policy.HealthCheck;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Healthy when {@code GET <path>} answers, within the timeout, with one of the expected statuses.
 *
 * <p>Plain HTTP/1.1 over a blocking socket with {@code Connection: close}: only the status line
 * is read, so a large or slow body never holds the check up. The whole exchange, connect
 * included, shares one timeout.
 */
final class HttpProbe implements Probe {

  @Override
  public ProbeResult check(String address, int port, HealthCheck check) {
    HealthCheck.Http http = check.http().orElseThrow(
        () -> new IllegalArgumentException("an HTTP check without http settings"));
    String what = "GET " + http.path();
    long deadline = System.nanoTime() + check.timeout().toNanos();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), (int) check.timeout().toMillis());
      socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      String host = address.contains(":") ? "[" + address + "]" : address;
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + http.path() + " HTTP/1.1\r\nHost: " + host + ":" + port
          + "\r\nUser-Agent: trellis-health-check\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.ISO_8859_1)).readLine();
      int status = parseStatus(statusLine);
      if (status < 0) {
        return new ProbeResult(false, what + ": not an HTTP answer: " + abbreviate(statusLine));
      }
      return new ProbeResult(http.expects(status), what + ": " + status);
    } catch (IOException e) {
      return new ProbeResult(false, what + ": " + describe(e, check));
    }
  }

  /** The status of {@code HTTP/1.x NNN reason}, or -1. */
  private static int parseStatus(String line) {
    if (line == null || !line.startsWith("HTTP/1.") || line.length() < 12) {
      return -1;
    }
    try {
      return Integer.parseInt(line.substring(9, 12));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static String describe(IOException e, HealthCheck check) {
    if (e instanceof SocketTimeoutException) {
      return "no answer within " + check.timeout().toMillis() + "ms";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String abbreviate(String line) {
    if (line == null) {
      return "connection closed";
    }
    return line.length() > 40 ? line.substring(0, 40) + "..." : line;
  }
}
