package dev.trellis.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

  @Test
  void readsTheUsualUnitsAndBareSeconds() {
    assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationConverter.parse("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(DurationConverter.parse("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(DurationConverter.parse("0s")).isZero();
  }

  @Test
  void refusesWhatIsNotADurationSayingWhatWasExpected() {
    for (String bad : new String[] {"-1s", "10x", "", "1.5s", "s"}) {
      assertThatThrownBy(() -> DurationConverter.parse(bad))
          .isInstanceOf(TypeConversionException.class)
          .hasMessage("'" + bad + "' (expected: a duration such as 500ms, 10s, 2m or 1h)");
    }
  }

  @Test
  void writesWhatItReads() {
    assertThat(DurationConverter.format(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationConverter.parse(DurationConverter.format(Duration.ofMillis(1500)))).isEqualTo(Duration.ofMillis(1500));
  }
}
