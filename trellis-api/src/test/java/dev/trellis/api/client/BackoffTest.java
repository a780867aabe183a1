package dev.trellis.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delaysDoubleUpToTheCapWithinTheJitterBand() {
    Backoff lowest = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);
    Backoff highest = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999999);

    assertThat(lowest.delay(0)).isEqualTo(Duration.ofMillis(50));
    assertThat(highest.delay(0)).isEqualTo(Duration.ofMillis(100));
    assertThat(lowest.delay(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(highest.delay(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(highest.delay(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(highest.delay(4)).isEqualTo(Duration.ofSeconds(1));
    assertThat(lowest.delay(1000)).isEqualTo(Duration.ofMillis(500));
    assertThat(highest.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> Backoff.of(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessage("initial: PT0S (expected: > 0)");
    assertThatThrownBy(() -> Backoff.of(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessage("max: PT1S (expected: >= initial PT2S)");
  }
}
