package dev.trellis.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.cli.CapturedOutput;
import dev.trellis.cli.TrellisCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code trellis run}'s surface: its help, and command lines refused before anything starts. */
class RunCommandTest {
  @RegisterExtension
  final CapturedOutput output = new CapturedOutput();

  @Test
  void helpNamesEveryOption() {
    assertThat(TrellisCli.execute("run", "--help")).isZero();
    assertThat(output.stdout()).contains("Usage: trellis run", "--service", "--port",
        "--upstream", "--control", "--token", "--data-dir", "--inbound-port", "--outbound-port", "--admin-port",
        "--label", "--zone", "--drain-timeout", "--ready-timeout", "COMMAND");
  }

  @Test
  void theTopLevelHelpListsRunStatusAndDemo() {
    assertThat(TrellisCli.execute("--help")).isZero();
    assertThat(output.stdout()).contains("run", "status", "demo");
  }

  @Test
  void withoutACommandItIsAUsageError() {
    assertThat(TrellisCli.execute("run", "--service", "web", "--port", "0")).isEqualTo(2);
    assertThat(output.stderr()).contains("COMMAND");
  }

  @Test
  void aBadDrainTimeoutIsAUsageErrorSayingWhatWasExpected() {
    assertThat(TrellisCli.execute("run", "--service", "web", "--drain-timeout", "soon", "--", "true")).isEqualTo(2);
    assertThat(output.stderr())
        .contains("'soon' (expected: a duration such as 500ms, 10s, 2m or 1h)");
  }

  @Test
  void aBadUpstreamIsRefusedBeforeAnythingStarts() {
    assertThat(TrellisCli.execute("run", "--service", "web", "--upstream", "catalog", "--token", "t",
        "--", "true")).isEqualTo(1);
    assertThat(output.stderr()).contains("error: --upstream: catalog (expected: SERVICE:LOCALPORT");
  }

  @Test
  void aServiceGivenTwiceAsUpstreamIsRefused() {
    assertThat(TrellisCli.execute("run", "--service", "web", "--upstream", "catalog:0", "--upstream",
        "catalog:9001", "--token", "t", "--", "true")).isEqualTo(1);
    assertThat(output.stderr())
        .contains("error: --upstream: catalog:9001 (expected: each service once; catalog is given twice)");
  }

  @Test
  void aBadPortOrServiceNameIsRefused() {
    assertThat(TrellisCli.execute("run", "--service", "web", "--port", "70000", "--token", "t", "--", "true"))
        .isEqualTo(1);
    assertThat(TrellisCli.execute("run", "--service", "Web_1", "--token", "t", "--", "true")).isEqualTo(1);
    assertThat(output.stderr()).contains(
        "error: --port: 70000 (expected: 0..65535)",
        "error: --service: Web_1 (expected: a DNS label, e.g. catalog)");
  }

  @Test
  void aBadSidecarPortIsRefused() {
    assertThat(TrellisCli.execute("run", "--service", "web", "--inbound-port", "70000", "--token", "t", "--", "true"))
        .isEqualTo(1);
    assertThat(output.stderr()).contains("error: --inbound-port: 70000 (expected: 0..65535)");
  }
}
