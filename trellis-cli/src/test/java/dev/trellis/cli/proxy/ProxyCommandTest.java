package dev.trellis.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.cli.TrellisCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code trellis proxy}'s surface: its help, and command lines refused before anything starts. */
class ProxyCommandTest {
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
  void helpNamesEveryOption() {
    assertThat(TrellisCli.execute("proxy", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(
        "Usage: trellis proxy", "--service", "--namespace", "--app-port", "--upstream", "--control",
        "--token", "--data-dir", "--inbound-port", "--outbound-port", "--admin-port", "--label",
        "--zone", "--drain-timeout");
  }

  @Test
  void theTopLevelHelpListsTheCommand() {
    assertThat(TrellisCli.execute("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("proxy");
  }

  @Test
  void missingRequiredOptionsAreAUsageError() {
    assertThat(TrellisCli.execute("proxy", "--service", "web")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--app-port");
  }

  @Test
  void aBadUpstreamIsRefusedSayingWhatWasExpected() {
    assertThat(TrellisCli.execute("proxy", "--service", "web", "--app-port", "8080",
        "--upstream", "catalog", "--token", "t")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(
        "error: --upstream: catalog (expected: SERVICE:LOCALPORT");
  }

  @Test
  void aBadServiceNameIsRefused() {
    assertThat(TrellisCli.execute("proxy", "--service", "Web_1", "--app-port", "8080", "--token", "t"))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("error: --service: Web_1 (expected: a DNS label, e.g. catalog)");
  }

  @Test
  void aBadAppPortIsRefused() {
    assertThat(TrellisCli.execute("proxy", "--service", "web", "--app-port", "8080=0", "--token", "t"))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("error: --app-port: 8080=0 (expected: a port 1..65535)");
  }
}
