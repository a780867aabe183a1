package dev.trellis.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process the demo started, its output (stdout and stderr together) written to a log file that
 * the demo reads to learn ports and readiness, and that the user can read too.
 *
 * <p>Threading: safe from any thread; {@link #awaitLine} blocks its caller.
 */
final class ChildProcess {
  private static final long POLL_MILLIS = 100;

  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(environment);
    return new ChildProcess(name, builder.start(), log);
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code; only once {@link #isAlive()} is false. */
  int exitCode() {
    return process.exitValue();
  }

  /**
   * Waits until the log has a line matching {@code pattern} and returns the match.
   *
   * @throws IllegalStateException when the process exits first or {@code timeoutNanos} passes,
   *     saying which and where the log is
   */
  Matcher awaitLine(Pattern pattern, long timeoutNanos, LongSupplier nanoClock) throws InterruptedException {
    long deadline = nanoClock.getAsLong() + timeoutNanos;
    while (true) {
      Optional<Matcher> found = find(pattern);
      if (found.isPresent()) {
        return found.get();
      }
      if (!process.isAlive()) {
        found = find(pattern);
        if (found.isPresent()) {
          return found.get();
        }
        throw new IllegalStateException(name + " exited with " + process.exitValue()
            + " before it was ready; its output is in " + log + ":\n" + tail());
      }
      if (nanoClock.getAsLong() >= deadline) {
        throw new IllegalStateException(name + " was not ready in time; its output is in " + log
            + ":\n" + tail());
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS); // a log file gives nothing to wait on
    }
  }

  private Optional<Matcher> find(Pattern pattern) {
    Matcher matcher = pattern.matcher(read());
    return matcher.find() ? Optional.of(matcher) : Optional.empty();
  }

  private String read() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String tail() {
    List<String> lines = read().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }

  /** SIGTERM: {@code trellis run} leaves the mesh and stops its application. */
  void terminate() {
    process.destroy();
  }

  /** Waits for the exit; true when it exited within the time. */
  boolean awaitExit(long timeoutNanos) throws InterruptedException {
    return process.waitFor(timeoutNanos, TimeUnit.NANOSECONDS);
  }

  /** SIGKILL to the process and everything it started, for what did not stop when asked. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
