package dev.trellis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command line's surface: help everywhere, conventional exit codes, errors on stderr. */
class TrellisCliTest {
  @RegisterExtension
  final CapturedOutput output = new CapturedOutput();

  @Test
  void helpListsTheCommands() {
    assertThat(TrellisCli.execute("--help")).isZero();
    assertThat(output.stdout()).contains("Usage: trellis", "control", "apply", "get", "delete");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"control", "apply", "get", "delete"}) {
      output.reset();
      assertThat(TrellisCli.execute(command, "--help")).as(command).isZero();
      assertThat(output.stdout()).as(command).contains("Usage: trellis " + command);
    }
  }

  @Test
  void versionNamesTheJava() {
    assertThat(TrellisCli.execute("--version")).isZero();
    assertThat(output.stdout()).contains("trellis", "Java " + Runtime.version().feature());
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertThat(TrellisCli.execute("frobnicate")).isEqualTo(2);
    assertThat(output.stderr()).contains("Unmatched argument", "frobnicate");
  }

  @Test
  void unknownKindSaysWhichKindsExist() {
    assertThat(TrellisCli.execute("get", "gateways", "--control", "http://127.0.0.1:1",
        "--token", "x")).isEqualTo(1);
    assertThat(output.stderr()).contains("unknown kind 'gateways'", "httproutes", "services", "endpoints");
  }

  @Test
  void bareTrellisIsAUsageErrorWithUsageOnStderr() {
    assertThat(TrellisCli.execute()).isEqualTo(2);
    assertThat(output.stderr()).contains("Usage: trellis", "Commands:");
    assertThat(output.stdout()).isEmpty();
  }

  @Test
  void applyOfAMissingFileSaysSoBeforeCallingAnyone() {
    assertThat(TrellisCli.execute("apply", "-f", "/nonexistent/mesh.yaml",
        "--control", "http://127.0.0.1:1", "--token", "x")).isEqualTo(1);
    assertThat(output.stderr()).contains("error: /nonexistent/mesh.yaml: no such file or directory");
  }

  @Test
  void badListenAddressIsRefused() {
    assertThat(TrellisCli.execute("control", "--listen", "127.0.0.1:99999")).isEqualTo(1);
    assertThat(output.stderr()).contains("--listen: 127.0.0.1:99999 (expected: HOST:PORT with PORT 0..65535)");
  }

  @Test
  void applyNeedsAFile() {
    assertThat(TrellisCli.execute("apply")).isEqualTo(2);
    assertThat(output.stderr()).contains("Missing required option: '--filename");
  }
}
