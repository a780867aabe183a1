package dev.trellis.testkit.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the machine's {@code curl} (or a shell pipeline ending in it) as a real client, its output
 * captured to files so that a large answer never blocks it.
 *
 * <pre>{@code
 * Curl.Result result = Curl.run("-sS", "-i", "-x", proxyUrl, "http://catalog/");
 * assertThat(result.stdout()).contains("HTTP/1.1 200");
 * }</pre>
 */
public final class Curl {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Curl() {}

  /** What one curl run did. */
  public record Result(String command, int exitCode, String stdout, String stderr) {
    /** For assertion messages. */
    public String describe() {
      return command + " -> exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  /** {@code curl args...}, at most a minute. */
  public static Result run(String... args) {
    List<String> command = new ArrayList<>();
    command.add("curl");
    command.addAll(List.of(args));
    return exec(command, TIMEOUT);
  }

  /** {@code sh -c script}, for pipelines such as {@code head -c N /dev/zero | curl -T - URL}. */
  public static Result shell(String script, Duration timeout) {
    return exec(List.of("sh", "-c", script), timeout);
  }

  private static Result exec(List<String> command, Duration timeout) {
    try {
      Path out = Files.createTempFile("curl-out", ".txt");
      Path err = Files.createTempFile("curl-err", ".txt");
      try {
        Process process = new ProcessBuilder(command)
            .redirectOutput(out.toFile()).redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
          throw new AssertionError(String.join(" ", command) + ": still running after " + timeout);
        }
        return new Result(String.join(" ", command), process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
