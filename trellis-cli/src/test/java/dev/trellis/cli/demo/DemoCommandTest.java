package dev.trellis.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.cli.TrellisCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code trellis demo}'s surface: help and refused options (the demo itself runs in DemoIT). */
class DemoCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeEach
  void captureOutput() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreOutput() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  @Test
  void helpNamesItsOptions() {
    assertThat(TrellisCli.execute("demo", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: trellis demo", "--duration", "--rps");
  }

  @Test
  void aBadDurationOrRateIsRefusedBeforeAnythingStarts() {
    assertThat(TrellisCli.execute("demo", "--duration", "0s")).isEqualTo(1);
    assertThat(TrellisCli.execute("demo", "--rps", "0")).isEqualTo(1);
    assertThat(TrellisCli.execute("demo", "--duration", "forever")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(
        "error: --duration: 0s (expected: more than 0, or leave it out to run until Ctrl-C)",
        "error: --rps: 0 (expected: 1..1000)",
        "'forever' (expected: a duration such as 500ms, 10s, 2m or 1h)");
  }
}
