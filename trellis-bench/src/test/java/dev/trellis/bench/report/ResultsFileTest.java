package dev.trellis.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {

  @Test
  void appendedMeasurementsReadBackEqual(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("results.jsonl");
    Measurement ran = new Measurement("haproxy", "latency", 500, 499.5, 4000L, 1L, 120.5, 300.0, 900.0,
        1500.0, null, null, List.of(new ProcessUse("haproxy-outbound", 42, 0.25, 9000, 8000L)), null);
    Measurement skipped = Measurement.notRun("trellis", "throughput", "no `trellis proxy` in this build");

    ResultsFile.append(file, ran);
    ResultsFile.append(file, skipped);

    assertThat(ResultsFile.read(file)).containsExactly(ran, skipped);
    assertThat(Files.readAllLines(file).get(1))
        .isEqualTo("{\"row\":\"trellis\",\"workload\":\"throughput\",\"processes\":[],"
            + "\"notRun\":\"no `trellis proxy` in this build\"}");
  }

  @Test
  void aLineWrittenBeforeRssUnderLoadWasMeasuredStillReads(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("results.jsonl");
    Files.writeString(file, "{\"row\":\"haproxy\",\"workload\":\"throughput\",\"processes\":"
        + "[{\"name\":\"haproxy-outbound\",\"pid\":42,\"cpuSeconds\":0.25,\"peakRssKib\":9000}]}\n");

    assertThat(ResultsFile.read(file).get(0).processes())
        .containsExactly(new ProcessUse("haproxy-outbound", 42, 0.25, 9000, null));
  }

  @Test
  void aBrokenLineIsNamedByFileAndLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("results.jsonl");
    Files.writeString(file, "{\"row\":\"direct\",\"workload\":\"latency\"}\n\n{\"row\":\"direct\",\"colour\":1}\n");

    assertThatThrownBy(() -> ResultsFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(file + ":3: ")
        .hasMessageEndingWith("(expected: one measurement as JSON)");
  }

  @Test
  void cpuPerThousandRequestsSumsTheProcesses() {
    Measurement m = new Measurement("nginx", "throughput", null, 1000.0, 20_000L, 0L, null, null, null, null, null, null,
        List.of(new ProcessUse("a", 1, 1.0, 1, 1L), new ProcessUse("b", 2, 3.0, 1, 1L)), null);

    assertThat(m.cpuSecondsPer1k()).isEqualTo(0.2);
    assertThat(Measurement.notRun("x", "latency", "why").cpuSecondsPer1k()).isNull();
  }
}
