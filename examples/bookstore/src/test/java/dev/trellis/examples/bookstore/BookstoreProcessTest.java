package dev.trellis.examples.bookstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point as a launcher uses it: a real process, its printed port, SIGTERM, exit codes. */
class BookstoreProcessTest {
  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

  @TempDir
  Path directory;

  @Test
  void aServicePrintsItsPortAndStopsCleanlyOnSigterm() throws Exception {
    // stdout goes to a file: reading a child's pipe while it exits is racy in the JDK.
    Path stdout = directory.resolve("stdout.txt");
    Process process = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            Bookstore.class.getName(), "inventory", "--port", "0", "--instance", "inventory-proc")
        .redirectOutput(stdout.toFile())
        .redirectError(directory.resolve("stderr.txt").toFile())
        .start();
    try {
      int port = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> listeningPort(stdout), p -> p > 0);
      assertThat(lines(stdout)).first().isEqualTo("inventory instance inventory-proc started");
      assertThat(TestHttp.get(port, "/healthz").statusCode()).isEqualTo(200);
      assertThat(TestHttp.json(TestHttp.get(port, "/stock/dune")).path("available").asInt()).isEqualTo(12);

      process.destroy(); // SIGTERM

      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("128 + SIGTERM").isEqualTo(143);
      assertThat(lines(stdout)).last().isEqualTo("inventory stopped");
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void aBadFlagExitsWithTwo() {
    assertThat(Bookstore.execute("catalog", "--version", "v3", "--inventory", "127.0.0.1:1")).isEqualTo(2);
    assertThat(Bookstore.execute("web", "--no-such-flag")).isEqualTo(2);
    assertThat(Bookstore.execute("loadgen", "--duration", "soon")).isEqualTo(2);
  }

  private static int listeningPort(Path stdout) throws IOException {
    for (String line : lines(stdout)) {
      Matcher listening = LISTENING.matcher(line);
      if (listening.matches()) {
        return Integer.parseInt(listening.group(1));
      }
    }
    return -1;
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }
}
