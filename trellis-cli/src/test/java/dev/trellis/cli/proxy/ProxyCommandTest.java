package dev.trellis.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.cli.CapturedOutput;
import dev.trellis.cli.TrellisCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code trellis proxy}'s surface: its help, and command lines refused before anything starts. */
class ProxyCommandTest {
  @RegisterExtension
  final CapturedOutput output = new CapturedOutput();

  @Test
  void helpNamesEveryOption() {
    assertThat(TrellisCli.execute("proxy", "--help")).isZero();
    assertThat(output.stdout()).contains(
        "Usage: trellis proxy", "--service", "--namespace", "--app-port", "--upstream", "--control",
        "--token", "--data-dir", "--inbound-port", "--outbound-port", "--admin-port", "--label",
        "--zone", "--io-threads", "--drain-timeout");
  }

  @Test
  void theTopLevelHelpListsTheCommand() {
    assertThat(TrellisCli.execute("--help")).isZero();
    assertThat(output.stdout()).contains("proxy");
  }

  @Test
  void missingRequiredOptionsAreAUsageError() {
    assertThat(TrellisCli.execute("proxy", "--service", "web")).isEqualTo(2);
    assertThat(output.stderr()).contains("--app-port");
  }

  @Test
  void aBadUpstreamIsRefusedSayingWhatWasExpected() {
    assertThat(TrellisCli.execute("proxy", "--service", "web", "--app-port", "8080",
        "--upstream", "catalog", "--token", "t")).isEqualTo(1);
    assertThat(output.stderr()).contains(
        "error: --upstream: catalog (expected: SERVICE:LOCALPORT");
  }

  @Test
  void aBadServiceNameIsRefused() {
    assertThat(TrellisCli.execute("proxy", "--service", "Web_1", "--app-port", "8080", "--token", "t"))
        .isEqualTo(1);
    assertThat(output.stderr())
        .contains("error: --service: Web_1 (expected: a DNS label, e.g. catalog)");
  }

  @Test
  void aBadAppPortIsRefused() {
    assertThat(TrellisCli.execute("proxy", "--service", "web", "--app-port", "8080=0", "--token", "t"))
        .isEqualTo(1);
    assertThat(output.stderr())
        .contains("error: --app-port: 8080=0 (expected: a port 1..65535)");
  }

  @Test
  void aBadSidecarPortIsRefused() {
    assertThat(TrellisCli.execute("proxy", "--service", "web", "--app-port", "8080", "--admin-port", "70000",
        "--token", "t")).isEqualTo(1);
    assertThat(output.stderr()).contains("error: --admin-port: 70000 (expected: 0..65535)");
  }

  @Test
  void fewerThanOneIoThreadIsRefused() {
    assertThat(TrellisCli.execute("proxy", "--service", "web", "--app-port", "8080", "--io-threads", "0",
        "--token", "t")).isEqualTo(1);
    assertThat(output.stderr()).contains("error: --io-threads: 0 (expected: >= 1)");
  }
}
