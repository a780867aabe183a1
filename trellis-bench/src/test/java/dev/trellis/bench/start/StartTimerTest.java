package dev.trellis.bench.start;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.bench.backend.FixedResponseServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Times real processes; the probe goes to a real HTTP server on 127.0.0.1. */
class StartTimerTest {

  @Test
  void timesTheReadyLineAndTheFirstAnswerThenStopsTheProcess() throws Exception {
    try (FixedResponseServer app = FixedResponseServer.start(0, 16)) {
      StartTimer timer = new StartTimer(Pattern.compile("^ready"), app.port(), Duration.ofSeconds(20),
          Duration.ofSeconds(5));

      StartTimer.Start start = timer.time(List.of("sh", "-c", "echo starting; sleep 0.2; echo ready; exec sleep 60"));

      assertThat(start.ready()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
      assertThat(start.firstAnswer()).isGreaterThanOrEqualTo(start.ready());
    }
  }

  @Test
  void withoutAProbeTimesTheReadyLineOnly() throws Exception {
    StartTimer timer = new StartTimer(Pattern.compile("^ready"), null, Duration.ofSeconds(20), Duration.ofSeconds(5));

    StartTimer.Start start = timer.time(List.of("sh", "-c", "echo ready; exec sleep 60"));

    assertThat(start.ready()).isPositive();
    assertThat(start.firstAnswer()).isNull();
  }

  @Test
  void aProcessThatExitsBeforeReadyIsAnErrorWithItsLastLines() {
    StartTimer timer = new StartTimer(Pattern.compile("^ready"), null, Duration.ofSeconds(20), Duration.ofSeconds(5));

    assertThatThrownBy(() -> timer.time(List.of("sh", "-c", "echo one; echo 'no control plane'; exit 3")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no line matching ^ready")
        .hasMessageContaining("exit: 3")
        .hasMessageContaining("one | no control plane");
  }
}
