package dev.trellis.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.bench.backend.FixedResponseServer;
import dev.trellis.bench.grpc.FixedGrpcServer;
import dev.trellis.bench.report.Measurement;
import dev.trellis.bench.report.ResultsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCliTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = BenchCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void badOptionsAreRefusedNamingTheOptionTheValueAndWhatWasExpected() {
    assertThat(run("load", "--row", "x", "--port", "80", "--rates", "500,0")).isEqualTo(2);
    assertThat(err.toString()).startsWith("load: --rates: 0 (expected: a positive integer)\n");

    err.getBuffer().setLength(0);
    assertThat(run("load", "--row", "x", "--port", "80", "--warmup", "2x")).isEqualTo(2);
    assertThat(err.toString()).startsWith("load: --warmup: 2x (expected: a duration such as 500ms, 2s or 1m)\n");

    err.getBuffer().setLength(0);
    assertThat(run("load", "--row", "x", "--port", "80", "--duration", "0s")).isEqualTo(2);
    assertThat(err.toString()).startsWith("load: --duration: PT0S (expected: > 0)\n");

    err.getBuffer().setLength(0);
    assertThat(run("wrk", "--row", "x", "--process", "nginx", "--", "true")).isEqualTo(2);
    assertThat(err.toString()).startsWith("wrk: --process: nginx (expected: NAME=PID, e.g. nginx-outbound=4242)\n");

    err.getBuffer().setLength(0);
    assertThat(run("ports", "0")).isEqualTo(2);
    assertThat(err.toString()).startsWith("ports: N: 0 (expected: 1..64)\n");
  }

  @Test
  void loadAppendsOneMeasurementPerRateWithTheWatchedProcess(@TempDir Path dir) throws Exception {
    Path results = dir.resolve("results.jsonl");
    long self = ProcessHandle.current().pid();
    try (FixedResponseServer backend = FixedResponseServer.start(0, 1024)) {
      int exit = run("load", "--row", "direct", "--port", Integer.toString(backend.port()),
          "--connections", "2", "--rates", "100,200", "--warmup", "0s", "--duration", "200ms",
          "--drain", "2s", "--process", "self=" + self, "--out", results.toString());

      assertThat(exit).isZero();
    }
    List<Measurement> measurements = ResultsFile.read(results);
    assertThat(measurements).extracting(Measurement::targetRps).containsExactly(100, 200);
    assertThat(measurements).extracting(Measurement::requests).containsExactly(20L, 40L);
    assertThat(measurements).allSatisfy(m -> {
      assertThat(m.errors()).isZero();
      assertThat(m.processes()).singleElement().satisfies(p -> {
        assertThat(p.name()).isEqualTo("self");
        assertThat(p.pid()).isEqualTo(self);
        assertThat(p.peakRssKib()).isPositive();
      });
    });
    assertThat(err.toString()).contains("direct   latency @  100 rps: achieved 100 rps, errors 0");
  }

  @Test
  void aTargetThatDoesNotAnswerIsRecordedAsNotRunWithTheReason(@TempDir Path dir) throws IOException {
    int port = ports(1).get(0);

    int exit = run("load", "--row", "nginx", "--port", Integer.toString(port), "--rates", "100",
        "--duration", "100ms", "--out", dir.resolve("r.jsonl").toString());

    assertThat(exit).isZero();
    Measurement m = ResultsFile.read(dir.resolve("r.jsonl")).get(0);
    assertThat(m.ran()).isFalse();
    assertThat(m.notRun()).startsWith("connection 0 to 127.0.0.1:" + port + " failed");
  }

  @Test
  void grpcLoadRecordsTheCallsOfItsWindowWithTheWatchedProcess(@TempDir Path dir) throws Exception {
    Path results = dir.resolve("results.jsonl");
    long self = ProcessHandle.current().pid();
    try (FixedGrpcServer backend = FixedGrpcServer.start(0, 1024)) {
      int exit = run("grpc-load", "--row", "haproxy", "--port", Integer.toString(backend.port()),
          "--connections", "2", "--rates", "100", "--client-warmup", "0s", "--warmup", "0s", "--duration", "300ms",
          "--drain", "2s", "--process", "self=" + self, "--out", results.toString());

      assertThat(exit).isZero();
    }
    Measurement m = ResultsFile.read(results).get(0);
    assertThat(m.workload()).isEqualTo("grpc-latency");
    assertThat(m.targetRps()).isEqualTo(100);
    assertThat(m.requests()).isEqualTo(30L);
    assertThat(m.errors()).isZero();
    assertThat(m.p50Us()).isPositive();
    assertThat(m.processes()).singleElement().satisfies(p -> assertThat(p.pid()).isEqualTo(self));
    assertThat(err.toString()).contains("haproxy  gRPC @  100 rps: achieved 100 rps, errors 0");
  }

  @Test
  void grpcLoadWithNoServerRecordsNotRunWithTheReason(@TempDir Path dir) throws IOException {
    int port = ports(1).get(0);

    int exit = run("grpc-load", "--row", "nginx", "--port", Integer.toString(port), "--rates", "100",
        "--duration", "100ms", "--out", dir.resolve("r.jsonl").toString());

    assertThat(exit).isZero();
    Measurement m = ResultsFile.read(dir.resolve("r.jsonl")).get(0);
    assertThat(m.workload()).isEqualTo("grpc-latency");
    assertThat(m.notRun()).startsWith("no gRPC connection to 127.0.0.1:" + port + " within 10 s");
  }

  @Test
  void startTimeGivesEachStartItsOwnNumberAndRecordsEveryTime(@TempDir Path dir) throws IOException {
    Path results = dir.resolve("r.jsonl");

    int exit = run("start-time", "--row", "trellis", "--runs", "2", "--target-ms", "500", "--out", results.toString(),
        "--", "sh", "-c", "mkdir " + dir + "/start-{run} && echo ready && exec sleep 60");

    assertThat(exit).isZero();
    assertThat(dir.resolve("start-1")).isDirectory();
    assertThat(dir.resolve("start-2")).isDirectory();
    Measurement m = ResultsFile.read(results).get(0);
    assertThat(m.workload()).isEqualTo("start");
    assertThat(m.start().readyMs()).hasSize(2).allSatisfy(ms -> assertThat(ms).isPositive());
    assertThat(m.start().firstAnswerMs()).isEmpty();
    assertThat(m.start().targetMs()).isEqualTo(500.0);
  }

  @Test
  void notRunAndReportMakeTheTables(@TempDir Path dir) throws IOException {
    Path results = dir.resolve("r.jsonl");
    Path preamble = Files.writeString(dir.resolve("p.md"), "## run of today\n\n");

    run("not-run", "--row", "trellis", "--workload", "latency", "--reason", "no proxy yet", "--out", results.toString());
    int exit = run("report", "--results", results.toString(), "--preamble", preamble.toString());

    assertThat(exit).isZero();
    assertThat(out.toString()).startsWith("## run of today\n\n### Latency")
        .contains("- Trellis (latency): not run: no proxy yet");
  }

  @Test
  void portsPrintsDistinctFreePorts() {
    assertThat(run("ports", "3")).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(3).doesNotHaveDuplicates().allSatisfy(l -> assertThat(Integer.parseInt(l)).isPositive());
  }

  private List<Integer> ports(int n) {
    run("ports", Integer.toString(n));
    List<Integer> ports = out.toString().lines().map(Integer::parseInt).toList();
    out.getBuffer().setLength(0);
    return ports;
  }
}
