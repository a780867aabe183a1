package dev.trellis.control.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.registry.Health;
import org.junit.jupiter.api.Test;

class HealthVerdictTest {

  @Test
  void flipsOnlyAfterEnoughResultsInARow() {
    HealthVerdict verdict = new HealthVerdict(Health.UNKNOWN, 2, 3);

    assertThat(verdict.record(true)).isNull();
    assertThat(verdict.record(true)).isEqualTo(Health.HEALTHY);
    assertThat(verdict.record(true)).isNull();

    assertThat(verdict.record(false)).isNull();
    assertThat(verdict.record(false)).isNull();
    assertThat(verdict.record(true)).isNull(); // the streak of failures is broken
    assertThat(verdict.record(false)).isNull();
    assertThat(verdict.record(false)).isNull();
    assertThat(verdict.record(false)).isEqualTo(Health.UNHEALTHY);
    assertThat(verdict.record(false)).isNull();
    assertThat(verdict.health()).isEqualTo(Health.UNHEALTHY);

    assertThat(verdict.record(true)).isNull();
    assertThat(verdict.record(true)).isEqualTo(Health.HEALTHY);
  }

  @Test
  void unknownEndpointThatNeverAnswersBecomesUnhealthy() {
    HealthVerdict verdict = new HealthVerdict(Health.UNKNOWN, 1, 2);

    assertThat(verdict.record(false)).isNull();
    assertThat(verdict.record(false)).isEqualTo(Health.UNHEALTHY);
  }
}
