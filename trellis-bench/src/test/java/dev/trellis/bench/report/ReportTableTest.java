package dev.trellis.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTableTest {

  private static Measurement latency(String row, int rate, double p50, double p99, double p999, double max,
      List<ProcessUse> processes) {
    return new Measurement(row, "latency", rate, (double) rate, rate * 10L, 0L, p50, p99, p999, max, null, null,
        processes, null);
  }

  private static Measurement throughput(String row, double rps, long requests, List<ProcessUse> processes) {
    return new Measurement(row, "throughput", null, rps, requests, 0L, null, null, null, null, null, null,
        processes, null);
  }

  /** Two processes, each with a peak RSS of {@code rssEach} and half that sampled under load. */
  private static List<ProcessUse> two(String kind, double cpuEach, long rssEach) {
    return List.of(new ProcessUse(kind + "-outbound", 10, cpuEach, rssEach, rssEach / 2),
        new ProcessUse(kind + "-inbound", 11, cpuEach, rssEach, rssEach / 2));
  }

  private final List<Measurement> measurements = List.of(
      latency("direct", 1000, 100, 200, 400, 800, List.of()),
      latency("trellis", 1000, 300, 600, 1200, 1600, two("trellis", 2.0, 102400)),
      latency("haproxy", 1000, 150, 400, 800, 1000, two("haproxy", 1.0, 10240)),
      Measurement.notRun("nginx", "latency", "nginx not installed"),
      throughput("direct", 100_000, 500_000, List.of()),
      throughput("trellis", 20_000, 100_000, two("trellis", 10.0, 204800)),
      throughput("haproxy", 40_000, 200_000, two("haproxy", 10.0, 20480)),
      Measurement.notRun("nginx", "throughput", "nginx not installed"));

  @Test
  void latencyRowsShowAbsoluteFiguresAndWhatEachAddsOverDirect() {
    String markdown = new ReportTable(measurements).markdown();

    // 1000 rps for 10 s = 10000 requests; 2 CPU s each = 0.200 s per 1k requests per process
    assertThat(markdown).contains(
        "| direct | 1000 | 1000 | 0 | 100 | 200 | 400 | 800 | — | — | — | — | — | — |\n",
        "| Trellis | 1000 | 1000 | 0 | 300 | 600 | 1200 | 1600 | +200 | +400 | +800 | +800 | 0.200 + 0.200 | 50.0 / 100.0 + 50.0 / 100.0 |\n",
        "| HAProxy | 1000 | 1000 | 0 | 150 | 400 | 800 | 1000 | +50 | +200 | +400 | +200 | 0.100 + 0.100 | 5.0 / 10.0 + 5.0 / 10.0 |\n",
        "| nginx | 1000 | not run: nginx not installed |");
  }

  @Test
  void throughputRowsShowRpsAndCpuPerThousand() {
    String markdown = new ReportTable(measurements).markdown();

    assertThat(markdown).contains(
        "| direct | 100000 | 500000 | 0 | — | — |\n",
        "| Trellis | 20000 | 100000 | 0 | 0.100 + 0.100 | 100.0 / 200.0 + 100.0 / 200.0 |\n",
        "| nginx | not run: nginx not installed |");
  }

  @Test
  void ratiosCompareTrellisWithEachRowAndSayDashWhereARowIsMissing() {
    String markdown = new ReportTable(measurements).markdown();

    assertThat(markdown).contains(
        "| figure | Trellis/direct | Trellis/HAProxy | Trellis/nginx |",
        "| p50 @ 1000 rps | 3.00x | 2.00x | — |\n",
        "| p99.9 @ 1000 rps | 3.00x | 1.50x | — |\n",
        "| CPU s / 1k req @ 1000 rps | — | 2.00x | — |\n",
        "| max throughput rps | 0.20x | 0.50x | — |\n",
        "| CPU s / 1k req @ max throughput | — | 2.00x | — |\n",
        // RSS: the largest seen per process, summed: 2 x 200 MiB against 2 x 20 MiB at peak,
        // 2 x 100 against 2 x 10 under load
        "| RSS under load, HTTP path (sum over its proxies) | — | 10.00x | — |\n",
        "| peak RSS, HTTP path (sum over its proxies) | — | 10.00x | — |\n");
  }

  @Test
  void tcpStreamRowsShowMibPerSecondAndCpuPerGib() {
    long gib = 1024L * 1024 * 1024;
    List<Measurement> withTcp = new java.util.ArrayList<>(measurements);
    withTcp.add(new Measurement("direct", "tcp", null, null, null, 0L, null, null, null, null, 4 * gib, 2048.0,
        List.of(), null));
    withTcp.add(new Measurement("haproxy", "tcp", null, null, null, 0L, null, null, null, null, 2 * gib, 1024.0,
        two("haproxy", 1.0, 10240), null));
    withTcp.add(new Measurement("trellis", "tcp", null, null, null, 0L, null, null, null, null, gib, 512.0,
        two("trellis", 1.0, 10240), null));
    withTcp.add(Measurement.notRun("nginx", "tcp", "no stream module"));

    String markdown = new ReportTable(withTcp).markdown();

    assertThat(markdown).contains(
        "### TCP stream throughput\n\n| row | MiB/s | CPU s / GiB | RSS MiB under load / peak |\n",
        "| direct | 2048 | — | — |\n",
        "| HAProxy | 1024 | 0.500 + 0.500 | 5.0 / 10.0 + 5.0 / 10.0 |\n",
        "| nginx | not run: no stream module |||\n",
        "| TCP stream MiB/s | 0.25x | 0.50x | — |\n",
        "| CPU s / GiB, TCP stream | — | 2.00x | — |\n");
  }

  @Test
  void listsWhatDidNotRunAndWhy() {
    List<Measurement> withoutTrellis = List.of(
        latency("direct", 500, 100, 200, 400, 800, List.of()),
        Measurement.notRun("trellis", "latency", "`trellis proxy` is not in this build"),
        Measurement.notRun("trellis", "throughput", "`trellis proxy` is not in this build"));

    String markdown = new ReportTable(withoutTrellis).markdown();

    assertThat(markdown).contains(
        "| Trellis | 500 | not run: `trellis proxy` is not in this build |",
        "| Trellis | not run: `trellis proxy` is not in this build |",
        "| p50 @ 500 rps | — | — | — |",
        "### Not run\n\n- Trellis (latency): not run: `trellis proxy` is not in this build\n"
            + "- Trellis (throughput): not run: `trellis proxy` is not in this build\n");
  }

  @Test
  void grpcTablesAndRatiosAppearWhenTheRunHasThem() {
    List<Measurement> withGrpc = new java.util.ArrayList<>(measurements);
    withGrpc.add(new Measurement("direct", "grpc-latency", 1000, 1000.0, 10_000L, 0L, 100.0, 200.0, 300.0, 400.0,
        null, null, List.of(), null));
    withGrpc.add(new Measurement("trellis", "grpc-latency", 1000, 1000.0, 10_000L, 0L, 400.0, 800.0, 900.0, 1000.0,
        null, null, two("trellis", 1.0, 102400), null));
    withGrpc.add(new Measurement("haproxy", "grpc-throughput", null, 40_000.0, 80_000L, 2L, null, null, null, null,
        null, null, two("haproxy", 8.0, 10240), null));
    withGrpc.add(Measurement.notRun("trellis", "grpc-throughput", "h2load exited with 1"));

    String markdown = new ReportTable(withGrpc).markdown();

    assertThat(markdown).contains(
        "### gRPC unary at fixed rates (open loop, grpc-java client, from intended send time)",
        "| Trellis | 1000 | 1000 | 0 | 400 | 800 | 900 | 1000 | +300 | +600 | +600 | +600 | 0.100 + 0.100 | 50.0 / 100.0 + 50.0 / 100.0 |\n",
        "| row | calls/s | calls | errors | CPU s / 1k req | RSS MiB under load / peak |\n",
        "| HAProxy | 40000 | 80000 | 2 | 0.100 + 0.100 | 5.0 / 10.0 + 5.0 / 10.0 |\n",
        "| Trellis | not run: h2load exited with 1 |",
        "| gRPC p50 @ 1000 rps | 4.00x | — | — |\n",
        "| gRPC max throughput calls/s | — | — | — |\n",
        // gRPC path: Trellis 2 x 100 MiB, HAProxy 2 x 10 MiB
        "| peak RSS, gRPC path (sum over its proxies) | — | 10.00x | — |\n");
  }

  @Test
  void resultsWrittenBeforeRssUnderLoadWasMeasuredShowADashForIt() {
    List<Measurement> old = List.of(
        throughput("trellis", 20_000, 100_000, List.of(new ProcessUse("trellis-outbound", 10, 10.0, 204800, null))),
        throughput("haproxy", 40_000, 200_000, List.of(new ProcessUse("haproxy-outbound", 12, 10.0, 20480, null))));

    String markdown = new ReportTable(old).markdown();

    assertThat(markdown).contains(
        "| Trellis | 20000 | 100000 | 0 | 0.100 | — / 200.0 |\n",
        "| RSS under load, HTTP path (sum over its proxies) | — | — | — |\n",
        "| peak RSS, HTTP path (sum over its proxies) | — | 10.00x | — |\n");
  }

  @Test
  void startTimesShowMedianMaxAndTheTarget() {
    List<Measurement> withStart = new java.util.ArrayList<>(measurements);
    withStart.add(Measurement.startTimes("trellis",
        new StartTimes(List.of(900.0, 700.0, 800.0), List.of(1000.0, 950.0, 1200.0), 500.0)));

    String markdown = new ReportTable(withStart).markdown();

    assertThat(markdown).contains("### Proxy start to ready",
        "| Trellis | 3 | 800 | 900 | 500 | no | 1000 | 1200 | 900 / 1000, 700 / 950, 800 / 1200 |\n");
  }
}
