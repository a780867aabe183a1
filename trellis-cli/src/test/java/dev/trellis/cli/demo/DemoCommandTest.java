package dev.trellis.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.cli.CapturedOutput;
import dev.trellis.cli.TrellisCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code trellis demo}'s surface: help and refused options (the demo itself runs in DemoIT). */
class DemoCommandTest {
  @RegisterExtension
  final CapturedOutput output = new CapturedOutput();

  @Test
  void helpNamesItsOptions() {
    assertThat(TrellisCli.execute("demo", "--help")).isZero();
    assertThat(output.stdout()).contains("Usage: trellis demo", "--duration", "--rps");
  }

  @Test
  void aBadDurationOrRateIsRefusedBeforeAnythingStarts() {
    assertThat(TrellisCli.execute("demo", "--duration", "0s")).isEqualTo(1);
    assertThat(TrellisCli.execute("demo", "--rps", "0")).isEqualTo(1);
    assertThat(TrellisCli.execute("demo", "--duration", "forever")).isEqualTo(2);
    assertThat(output.stderr()).contains(
        "error: --duration: 0s (expected: more than 0, or leave it out to run until Ctrl-C)",
        "error: --rps: 0 (expected: 1..1000)",
        "'forever' (expected: a duration such as 500ms, 10s, 2m or 1h)");
  }
}
