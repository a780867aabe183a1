package dev.trellis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command line's surface: help everywhere, conventional exit codes, errors on stderr. */
class TrellisCliTest {
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
  void helpListsTheCommands() {
    assertThat(TrellisCli.execute("--help")).isZero();
    assertThat(stdout()).contains("Usage: trellis", "control", "apply", "get", "delete");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"control", "apply", "get", "delete"}) {
      out.reset();
      assertThat(TrellisCli.execute(command, "--help")).as(command).isZero();
      assertThat(stdout()).as(command).contains("Usage: trellis " + command);
    }
  }

  @Test
  void versionNamesTheJava() {
    assertThat(TrellisCli.execute("--version")).isZero();
    assertThat(stdout()).contains("trellis", "Java " + Runtime.version().feature());
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertThat(TrellisCli.execute("frobnicate")).isEqualTo(2);
    assertThat(stderr()).contains("Unmatched argument", "frobnicate");
  }

  @Test
  void unknownKindSaysWhichKindsExist() {
    assertThat(TrellisCli.execute("get", "gateways", "--control", "http://127.0.0.1:1",
        "--token", "x")).isEqualTo(1);
    assertThat(stderr()).contains("unknown kind 'gateways'", "httproutes", "services", "endpoints");
  }

  @Test
  void bareTrellisIsAUsageErrorWithUsageOnStderr() {
    assertThat(TrellisCli.execute()).isEqualTo(2);
    assertThat(stderr()).contains("Usage: trellis", "Commands:");
    assertThat(stdout()).isEmpty();
  }

  @Test
  void applyOfAMissingFileSaysSoBeforeCallingAnyone() {
    assertThat(TrellisCli.execute("apply", "-f", "/nonexistent/mesh.yaml",
        "--control", "http://127.0.0.1:1", "--token", "x")).isEqualTo(1);
    assertThat(stderr()).contains("error: /nonexistent/mesh.yaml: no such file or directory");
  }

  @Test
  void badListenAddressIsRefused() {
    assertThat(TrellisCli.execute("control", "--listen", "127.0.0.1:99999")).isEqualTo(1);
    assertThat(stderr()).contains("--listen: 127.0.0.1:99999 (expected: HOST:PORT with PORT 0..65535)");
  }

  @Test
  void applyNeedsAFile() {
    assertThat(TrellisCli.execute("apply")).isEqualTo(2);
    assertThat(stderr()).contains("Missing required option: '--filename");
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
