package dev.trellis.examples.bookstore.launch;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a started service until the process is told to stop (SIGTERM, SIGINT), then closes it.
 *
 * <p>Prints the start line and then {@code listening on 127.0.0.1:PORT} on stdout, a line of its
 * own that launchers read to learn the port when it was 0.
 */
public final class RunningService {
  private RunningService() {}

  /**
   * Prints the start lines, registers the stop hook and blocks until the hook has closed the
   * service. Returns only while the JVM shuts down.
   *
   * @param startLine one line saying what started and how it reaches its upstreams
   */
  public static void runUntilStopped(String name, String startLine, int port, AutoCloseable service, PrintStream out) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        service.close();
      } catch (Exception e) {
        System.err.println(name + ": error while stopping: " + e);
      } finally {
        out.println(name + " stopped");
        out.flush();
        stopped.countDown();
      }
    }, name + "-stop"));
    out.println(startLine);
    out.println("listening on 127.0.0.1:" + port);
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
