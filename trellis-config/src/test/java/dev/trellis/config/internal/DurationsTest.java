package dev.trellis.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void parsesTheGatewayApiFormat() {
    assertThat(Durations.parse("1s")).contains(Duration.ofSeconds(1));
    assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(Durations.parse("0s")).contains(Duration.ZERO);
    assertThat(Durations.parse("1h2m3s4ms")).contains(Duration.parse("PT1H2M3.004S"));
    assertThat(Durations.parse("99999h")).contains(Duration.ofHours(99999));
  }

  @Test
  void refusesEverythingElse() {
    for (String bad : new String[] {"", "1", "1.5s", "-1s", "1d", "1S", "100000s", " 1s",
        "1h1m1s1ms1ms", "PT1S", "1 s"}) {
      assertThat(Durations.parse(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void formatsTheShortestWay() {
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofMillis(61_001))).isEqualTo("1m1s1ms");
  }
}
