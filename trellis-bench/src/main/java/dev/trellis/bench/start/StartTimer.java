package dev.trellis.bench.start;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Times one start of a proxy process: from {@code ProcessBuilder.start()} to the first output
 * line matching the ready pattern, and, when a probe port is given, to the first HTTP 200
 * answered through that port. Then stops the process (SIGTERM, SIGKILL after the grace time).
 *
 * <p>The probe is a bare HTTP/1.1 GET on a fresh socket every 5 ms, so the measuring side adds
 * no client start-up of its own. Output lines are read on a thread of this class; the last few
 * are kept for the error message when the process never gets ready.
 */
public final class StartTimer {

  /** One start's figures; {@code firstAnswer} is null when no probe was asked for. */
  public record Start(Duration ready, Duration firstAnswer) {}

  private static final int KEPT_LINES = 3;

  private final Pattern ready;
  private final Integer probePort;
  private final Duration limit;
  private final Duration grace;

  /**
   * @param ready     a line of the process's output (stdout and stderr) that says it is ready
   * @param probePort where to send the probe GET; null for none
   * @param limit     how long to wait for ready and for the first answer, each
   * @param grace     how long SIGTERM may take before SIGKILL
   */
  public StartTimer(Pattern ready, Integer probePort, Duration limit, Duration grace) {
    this.ready = ready;
    this.probePort = probePort;
    this.limit = limit;
    this.grace = grace;
  }

  /**
   * Starts {@code command}, times it, and stops it.
   *
   * @throws IOException when it does not start, exits, or is not ready or answering within the
   *                     limit, with the last lines it printed
   */
  public Start time(List<String> command) throws IOException, InterruptedException {
    Deque<String> lastLines = new ArrayDeque<>();
    CompletableFuture<Long> readyAt = new CompletableFuture<>();
    long startedAt = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      Thread reader = new Thread(() -> watch(process.getInputStream(), readyAt, lastLines), "start-timer-output");
      reader.setDaemon(true);
      reader.start();
      long readyNanos;
      try {
        readyNanos = readyAt.get(limit.toMillis(), TimeUnit.MILLISECONDS) - startedAt;
      } catch (ExecutionException | TimeoutException e) {
        process.waitFor(1, TimeUnit.SECONDS); // its output ended: let it finish exiting, to say how
        throw new IOException("no line matching " + ready.pattern() + " within " + limit.toSeconds()
            + " s (exit: " + (process.isAlive() ? "still running" : process.exitValue()) + "; last lines: "
            + last(lastLines) + ")");
      }
      Duration firstAnswer = null;
      if (probePort != null) {
        firstAnswer = Duration.ofNanos(firstAnswerAt(startedAt) - startedAt);
      }
      return new Start(Duration.ofNanos(readyNanos), firstAnswer);
    } finally {
      stop(process);
    }
  }

  private long firstAnswerAt(long startedAt) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    String last = "nothing";
    while (System.nanoTime() < deadline) {
      try {
        String status = probe(probePort);
        if (status.startsWith("HTTP/1.1 200")) {
          return System.nanoTime();
        }
        last = status;
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(5);
    }
    throw new IOException("no 200 through 127.0.0.1:" + probePort + " within " + limit.toSeconds()
        + " s of ready (last: " + last + ")");
  }

  /** The status line of one GET through {@code port}; reads the answer to its end. */
  static String probe(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      socket.setSoTimeout(2000);
      OutputStream out = socket.getOutputStream();
      out.write("GET / HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      String status = in.readLine();
      while (in.read() >= 0) {
        // drain, so the answer was whole
      }
      return status == null ? "connection closed without an answer" : status;
    }
  }

  private void watch(InputStream output, CompletableFuture<Long> readyAt, Deque<String> lastLines) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (!readyAt.isDone() && ready.matcher(line).find()) {
          readyAt.complete(System.nanoTime());
        }
        synchronized (lastLines) {
          lastLines.addLast(line);
          if (lastLines.size() > KEPT_LINES) {
            lastLines.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      // the process went away; the waiting side reports it
    }
    readyAt.completeExceptionally(new IOException("output ended"));
  }

  private static String last(Deque<String> lastLines) {
    synchronized (lastLines) {
      return lastLines.isEmpty() ? "none" : String.join(" | ", lastLines);
    }
  }

  private void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
