package dev.trellis.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.bench.backend.FixedResponseServer;
import dev.trellis.bench.net.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

  private static LoadGenerator generator;

  @BeforeAll
  static void startGenerator() {
    generator = new LoadGenerator(Transport.best(), System::nanoTime);
  }

  @AfterAll
  static void stopGenerator() {
    generator.close();
  }

  private static LoadSettings settings(int port, int connections, int rate, long warmupMillis, long measureMillis) {
    return new LoadSettings("127.0.0.1", port, "/", connections, rate, Duration.ofMillis(warmupMillis),
        Duration.ofMillis(measureMillis), Duration.ofSeconds(3));
  }

  @Test
  void recordsEveryRequestIntendedInTheWindowAndNoneFromTheWarmup() throws Exception {
    List<String> events = new ArrayList<>();
    WindowListener listener = new WindowListener() {
      @Override
      public void windowOpened() {
        events.add("opened");
      }

      @Override
      public void windowClosed() {
        events.add("closed");
      }
    };
    try (FixedResponseServer backend = FixedResponseServer.start(0, 1024)) {
      LoadResult result = generator.run(settings(backend.port(), 4, 500, 100, 400), listener);

      // 500 rps over a 0.4 s window: exactly 200 requests are intended in it
      assertThat(result.completed()).isEqualTo(200);
      assertThat(result.errors()).isZero();
      assertThat(result.latencyNanos().getTotalCount()).isEqualTo(200);
      assertThat(result.achievedRps()).isEqualTo(500.0);
      assertThat(result.latencyMicros(50)).isPositive().isLessThanOrEqualTo(result.maxMicros());
      assertThat(events).containsExactly("opened", "closed");
    }
  }

  @Test
  void aStallCountsAgainstEveryRequestThatShouldHaveBeenSentDuringIt() throws Exception {
    // One connection, 200 rps, the first answer held back 300 ms. A closed-loop tool would wait
    // and then send: one slow request, the rest fast. Measured from intended send times, each
    // of the ~60 requests due during the stall waited for it: the 40 due in its first 200 ms
    // waited at least 100 ms (the stall starts no earlier than the first intended send). Those
    // due well after it, most of the run, are fast again.
    try (ScriptedHttpServer server = new ScriptedHttpServer(200, 300)) {
      LoadResult result = generator.run(settings(server.port(), 1, 200, 0, 1000), WindowListener.NONE);

      assertThat(result.completed()).isEqualTo(200);
      long atLeast100ms = result.latencyNanos().getCountBetweenValues(
          TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.SECONDS.toNanos(10));
      assertThat(atLeast100ms).isBetween(40L, 99L);
      assertThat(result.latencyMicros(50)).isLessThan(100_000);
      assertThat(result.maxMicros()).isGreaterThanOrEqualTo(290_000);
    }
  }

  @Test
  void answersOutside2xxAreErrorsNotLatencies() throws Exception {
    try (ScriptedHttpServer server = new ScriptedHttpServer(503, 0)) {
      LoadResult result = generator.run(settings(server.port(), 2, 200, 0, 250), WindowListener.NONE);

      assertThat(result.completed()).isZero();
      assertThat(result.errors()).isEqualTo(50);
      assertThat(result.latencyNanos().getTotalCount()).isZero();
      assertThat(result.latencyMicros(99)).isZero();
    }
  }

  @Test
  void aPortNobodyListensOnIsAnIoError() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    LoadSettings unreachable = settings(port, 2, 100, 0, 100);

    assertThatThrownBy(() -> generator.run(unreachable, WindowListener.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("connection 0 to 127.0.0.1:" + port + " failed");
  }

  @Test
  void settingsRefuseNonsenseNamingTheField() {
    assertThatThrownBy(() -> settings(80, 0, 100, 0, 100))
        .hasMessage("connections: 0 (expected: >= 1)");
    assertThatThrownBy(() -> settings(80, 1, 100, 0, 0))
        .hasMessage("measure: PT0S (expected: > 0)");
    assertThatThrownBy(() -> new LoadSettings("127.0.0.1", 80, "x", 1, 1, Duration.ZERO, Duration.ofSeconds(1),
        Duration.ofSeconds(1)))
        .hasMessage("path: x (expected: a path starting with /)");
  }
}
