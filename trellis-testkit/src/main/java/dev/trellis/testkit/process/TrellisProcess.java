package dev.trellis.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real process of the distribution, its output captured to files so that it never blocks on a
 * full pipe and can be read at any time.
 *
 * <p>{@link #close()} stops it for sure: SIGTERM, a grace period, then SIGKILL of the process and
 * every descendant, so no test leaves a process behind; then it deletes the captured output.
 */
public final class TrellisProcess implements AutoCloseable {
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private TrellisProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static TrellisProcess start(List<String> command, Map<String, String> env) {
    try {
      Path stdout = Files.createTempFile("trellis-out", ".log");
      Path stderr = Files.createTempFile("trellis-err", ".log");
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().putAll(env);
      return new TrellisProcess(builder.start(), stdout, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  public String stdout() {
    return read(stdout);
  }

  public String stderr() {
    return read(stderr);
  }

  /**
   * Waits until stdout or stderr has a line matching {@code pattern} and returns the match, so that
   * a test can read a port or URL the process announces. Fails if the process exits first.
   */
  public Matcher awaitOutput(Pattern pattern, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Optional<Matcher> found = find(pattern);
      if (found.isPresent()) {
        return found.get();
      }
      if (!process.isAlive()) {
        found = find(pattern);
        if (found.isPresent()) {
          return found.get();
        }
        throw new AssertionError("process exited with " + process.exitValue()
            + " before printing /" + pattern + "/\n" + describe());
      }
      pause();
    }
    throw new AssertionError("no /" + pattern + "/ within " + timeout + "\n" + describe());
  }

  private Optional<Matcher> find(Pattern pattern) {
    for (String text : List.of(stdout(), stderr())) {
      Matcher matcher = pattern.matcher(text);
      if (matcher.find()) {
        return Optional.of(matcher);
      }
    }
    return Optional.empty();
  }

  /** Waits for the process to exit and returns its exit code; fails after {@code timeout}. */
  public int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("still running after " + timeout + "\n" + describe());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Sends SIGTERM, as Ctrl-C or a process manager would. */
  public void terminate() {
    process.destroy();
  }

  /** Sends SIGKILL: no shutdown hook runs. */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  public String describe() {
    return "--- stdout\n" + stdout() + "--- stderr\n" + stderr();
  }

  @Override
  public void close() {
    List<ProcessHandle> descendants = process.descendants().toList();
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
    deleteQuietly(stdout);
    deleteQuietly(stderr);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover log in the temp directory is harmless.
    }
  }

  /** The file's text; empty once {@link #close()} has deleted it. */
  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
