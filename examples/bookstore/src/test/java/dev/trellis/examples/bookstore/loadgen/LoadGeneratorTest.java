package dev.trellis.examples.bookstore.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.examples.bookstore.TestBookstore;
import dev.trellis.examples.bookstore.TestHttp;
import dev.trellis.examples.bookstore.upstream.Upstreams;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The load generator against the real bookstore, for a couple of seconds at a small rate. */
class LoadGeneratorTest {

  @Test
  void sendsExactlyRateTimesDurationWithNoErrorsAndStopsInTime() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (TestBookstore bookstore = TestBookstore.start("v1")) {
      LoadGenerator.Config config = new LoadGenerator.Config(TestBookstore.direct("web", bookstore.web.port()),
          10, Duration.ofSeconds(2), 0.0, Duration.ofSeconds(1), Duration.ofSeconds(2), 20);

      long start = System.nanoTime();
      LoadGenerator.Summary summary = new LoadGenerator(config, System::nanoTime)
          .run(new PrintStream(output, true, StandardCharsets.UTF_8));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(summary.requests()).isEqualTo(20);
      assertThat(summary.errors()).isZero();
      assertThat(summary.p50Nanos()).isPositive().isLessThanOrEqualTo(summary.p99Nanos());
      // The last request is sent at 1.9s; each may take up to the 2s timeout.
      assertThat(took).isLessThan(Duration.ofSeconds(2).plus(config.timeout()).plusSeconds(1));
      assertThat(summary.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }
    List<String> lines = output.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.getLast()).startsWith("loadgen done in ").contains("requests 20  errors 0 (0.00%)").endsWith(": ok");
    assertThat(lines).as("progress lines every second").anySatisfy(line -> assertThat(line).matches("loadgen +\\d\\.\\ds .*"));
  }

  @Test
  void countsEveryFailedRequestAndReportsTheFailure() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (TestBookstore bookstore = TestBookstore.start("v1")) {
      bookstore.catalog.close();
      LoadGenerator.Config config = new LoadGenerator.Config(TestBookstore.direct("web", bookstore.web.port()),
          20, Duration.ofMillis(500), 0.01, Duration.ofSeconds(1), Duration.ofSeconds(2), 20);

      LoadGenerator.Summary summary = new LoadGenerator(config, System::nanoTime)
          .run(new PrintStream(output, true, StandardCharsets.UTF_8));

      assertThat(summary.requests()).isEqualTo(10);
      assertThat(summary.errors()).isEqualTo(10);
      assertThat(summary.errorRate()).isEqualTo(1.0);
      assertThat(summary.errorKinds()).containsEntry("502", 10L);
    }
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("[502 x10]").contains("max error rate 1.00%: FAILED");
  }

  @Test
  void aServerThatIsNotThereIsAnErrorPerRequest() {
    LoadGenerator.Config config = new LoadGenerator.Config(TestBookstore.direct("web", TestHttp.closedPort()),
        20, Duration.ofMillis(250), 0.5, Duration.ofSeconds(1), Duration.ofSeconds(1), 10);

    LoadGenerator.Summary summary = new LoadGenerator(config, System::nanoTime)
        .run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(summary.requests()).isEqualTo(5);
    assertThat(summary.errors()).isEqualTo(5);
    assertThat(summary.errorKinds()).containsOnlyKeys("ConnectException");
  }

  @Test
  void theCommandExitsOneWhenTheErrorRateIsAboveTheLimit() {
    String target = "127.0.0.1:" + TestHttp.closedPort();
    LoadgenCommand tooStrict = new LoadgenCommand();
    new CommandLine(tooStrict).parseArgs("--target", target, "--rps", "20", "--duration", "250ms", "--max-error-rate", "0.5");
    LoadgenCommand lenient = new LoadgenCommand();
    new CommandLine(lenient).parseArgs("--target", target, "--rps", "20", "--duration", "250ms", "--max-error-rate", "1");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    assertThat(tooStrict.run(new Upstreams(Map.of()), quiet)).isEqualTo(1);
    assertThat(lenient.run(new Upstreams(Map.of()), quiet)).isZero();
  }

  @Test
  void unboundedOrNonsensicalSettingsAreRefused() {
    var web = TestBookstore.direct("web", 8080);
    assertThatThrownBy(() -> new LoadGenerator.Config(web, 0, Duration.ofSeconds(1), 0, Duration.ofSeconds(1), Duration.ofSeconds(1), 1))
        .hasMessage("--rps: 0.0 (expected: > 0 and <= 10000)");
    assertThatThrownBy(() -> new LoadGenerator.Config(web, 1, Duration.ofHours(2), 0, Duration.ofSeconds(1), Duration.ofSeconds(1), 1))
        .hasMessage("--duration: PT2H (expected: > 0 and <= 1h)");
    assertThatThrownBy(() -> new LoadGenerator.Config(web, 1, Duration.ofSeconds(1), 2, Duration.ofSeconds(1), Duration.ofSeconds(1), 1))
        .hasMessage("--max-error-rate: 2.0 (expected: 0.0..1.0)");
    assertThatThrownBy(() -> new LoadGenerator.Config(web, 1, Duration.ofSeconds(1), 0, Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
        .hasMessage("--max-in-flight: 0 (expected: >= 1)");
  }

  @Test
  void percentilesAreNearestRank() {
    long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(LatencyWindow.percentile(sorted, 0.50)).isEqualTo(5);
    assertThat(LatencyWindow.percentile(sorted, 0.99)).isEqualTo(10);
    assertThat(LatencyWindow.percentile(new long[0], 0.5)).isZero();
    assertThat(LatencyWindow.percentile(new long[] {7}, 0.99)).isEqualTo(7);
  }
}
