package dev.trellis.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a run's measurements into the markdown report {@code bench/run} prints and keeps: one
 * table of absolute figures per workload, then the ratios of Trellis to each other row.
 *
 * <p>Rows that did not run appear with their reason instead of numbers, in the tables and the
 * ratios alike, so a missing figure is never silently absent. Pure: no I/O, no clock.
 */
public final class ReportTable {

  static final String TRELLIS = "trellis";
  static final List<String> ROW_ORDER = List.of("direct", TRELLIS, "haproxy", "nginx");
  private static final Map<String, String> LABELS = Map.of(
      "direct", "direct", TRELLIS, "Trellis", "haproxy", "HAProxy", "nginx", "nginx");

  /**
   * Per process: the largest RSS sampled while the load ran (what it holds under load), then
   * the peak over its life (VmHWM, which adds start-up's and the JIT's one-off bursts).
   */
  static final String RSS_HEADER = "RSS MiB under load / peak";

  private final List<Measurement> measurements;

  public ReportTable(List<Measurement> measurements) {
    this.measurements = List.copyOf(measurements);
  }

  /** The latency table, the throughput table, the ratios, and a list of what did not run. */
  public String markdown() {
    StringBuilder out = new StringBuilder();
    latencyTable(out, "latency", "### Latency at fixed rates (open loop, from intended send time)");
    throughputTable(out, "throughput", "### Maximum throughput (wrk, closed loop)", "rps", "requests");
    streamTable(out);
    if (has("grpc-latency")) {
      latencyTable(out, "grpc-latency", "### gRPC unary at fixed rates (open loop, grpc-java client, from intended send time)");
    }
    if (has("grpc-throughput")) {
      throughputTable(out, "grpc-throughput", "### gRPC unary maximum throughput (h2load, closed loop)", "calls/s", "calls");
    }
    out.append(new StartTable(measurements).markdown());
    ratios(out);
    notRun(out);
    return out.toString();
  }

  private void latencyTable(StringBuilder out, String workload, String title) {
    out.append(title).append("\n\n");
    out.append("| row | target rps | achieved rps | errors | p50 µs | p99 µs | p99.9 µs | max µs "
        + "| added p50 | added p99 | added p99.9 | added max | CPU s / 1k req | " + RSS_HEADER + " |\n");
    out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (Integer rate : latencyRates(workload)) {
      Measurement direct = find("direct", workload, rate);
      for (String row : rows()) {
        Measurement m = find(row, workload, rate);
        if (m == null) {
          m = find(row, workload, null);
          if (m == null || m.ran()) {
            continue;
          }
        }
        if (!m.ran()) {
          out.append("| ").append(label(row)).append(" | ").append(rate)
              .append(" | not run: ").append(m.notRun()).append(" |||||||||||\n");
          continue;
        }
        Measurement base = direct != null && direct.ran() ? direct : null;
        out.append("| ").append(label(row))
            .append(" | ").append(rate)
            .append(" | ").append(Figures.rps(m.rps()))
            .append(" | ").append(m.errors())
            .append(" | ").append(Figures.micros(m.p50Us()))
            .append(" | ").append(Figures.micros(m.p99Us()))
            .append(" | ").append(Figures.micros(m.p999Us()))
            .append(" | ").append(Figures.micros(m.maxUs()))
            .append(" | ").append(row.equals("direct") || base == null ? Figures.NONE : Figures.added(m.p50Us(), base.p50Us()))
            .append(" | ").append(row.equals("direct") || base == null ? Figures.NONE : Figures.added(m.p99Us(), base.p99Us()))
            .append(" | ").append(row.equals("direct") || base == null ? Figures.NONE : Figures.added(m.p999Us(), base.p999Us()))
            .append(" | ").append(row.equals("direct") || base == null ? Figures.NONE : Figures.added(m.maxUs(), base.maxUs()))
            .append(" | ").append(perProcessCpu(m))
            .append(" | ").append(perProcessRss(m))
            .append(" |\n");
      }
    }
    out.append('\n');
  }

  private void throughputTable(StringBuilder out, String workload, String title, String rate, String count) {
    out.append(title).append("\n\n");
    out.append("| row | ").append(rate).append(" | ").append(count).append(" | errors | CPU s / 1k req | ").append(RSS_HEADER).append(" |\n");
    out.append("|---|--:|--:|--:|--:|--:|\n");
    for (String row : rows()) {
      Measurement m = find(row, workload, null);
      if (m == null) {
        continue;
      }
      if (!m.ran()) {
        out.append("| ").append(label(row)).append(" | not run: ").append(m.notRun()).append(" |||||\n");
        continue;
      }
      out.append("| ").append(label(row))
          .append(" | ").append(Figures.rps(m.rps()))
          .append(" | ").append(m.requests())
          .append(" | ").append(m.errors())
          .append(" | ").append(perProcessCpu(m))
          .append(" | ").append(perProcessRss(m))
          .append(" |\n");
    }
    out.append('\n');
  }

  private void streamTable(StringBuilder out) {
    if (measurements.stream().noneMatch(m -> m.workload().equals("tcp") && ROW_ORDER.contains(m.row()))) {
      return;
    }
    out.append("### TCP stream throughput\n\n");
    out.append("| row | MiB/s | CPU s / GiB | " + RSS_HEADER + " |\n");
    out.append("|---|--:|--:|--:|\n");
    for (String row : rows()) {
      Measurement m = find(row, "tcp", null);
      if (m == null) {
        continue;
      }
      if (!m.ran()) {
        out.append("| ").append(label(row)).append(" | not run: ").append(m.notRun()).append(" |||\n");
        continue;
      }
      out.append("| ").append(label(row))
          .append(" | ").append(Figures.rps(m.mibPerSecond()))
          .append(" | ").append(perProcessCpuPerGib(m))
          .append(" | ").append(perProcessRss(m))
          .append(" |\n");
    }
    out.append('\n');
  }

  private void ratios(StringBuilder out) {
    List<String> others = List.of("direct", "haproxy", "nginx");
    out.append("### Ratios (Trellis / other; below 1.00x means Trellis is lower)\n\n");
    out.append("| figure |");
    others.forEach(o -> out.append(" Trellis/").append(label(o)).append(" |"));
    out.append("\n|---|").append("--:|".repeat(others.size())).append('\n');
    latencyRatios(out, others, "latency", "");
    ratioLine(out, "max throughput rps", others, o -> figure(find(o, "throughput", null), Measurement::rps));
    ratioLine(out, "CPU s / 1k req @ max throughput", others,
        o -> figure(find(o, "throughput", null), Measurement::cpuSecondsPer1k));
    if (measurements.stream().anyMatch(m -> m.workload().equals("tcp") && m.ran())) {
      ratioLine(out, "TCP stream MiB/s", others, o -> figure(find(o, "tcp", null), Measurement::mibPerSecond));
      ratioLine(out, "CPU s / GiB, TCP stream", others,
          o -> figure(find(o, "tcp", null), Measurement::cpuSecondsPerGib));
    }
    if (has("grpc-latency")) {
      latencyRatios(out, others, "grpc-latency", "gRPC ");
    }
    if (has("grpc-throughput")) {
      ratioLine(out, "gRPC max throughput calls/s", others, o -> figure(find(o, "grpc-throughput", null), Measurement::rps));
      ratioLine(out, "CPU s / 1k calls @ gRPC max throughput", others,
          o -> figure(find(o, "grpc-throughput", null), Measurement::cpuSecondsPer1k));
    }
    // Per path, so each sum covers the two proxies a request crosses: the Trellis row runs one
    // inbound sidecar per service, and summing all four against HAProxy's two would say little.
    ratioLine(out, "RSS under load, HTTP path (sum over its proxies)", others,
        o -> rss(o, ProcessUse::loadRssKib, "latency", "throughput"));
    ratioLine(out, "peak RSS, HTTP path (sum over its proxies)", others,
        o -> rss(o, ProcessUse::peakRssKib, "latency", "throughput"));
    if (has("grpc-latency") || has("grpc-throughput")) {
      ratioLine(out, "RSS under load, gRPC path (sum over its proxies)", others,
          o -> rss(o, ProcessUse::loadRssKib, "grpc-latency", "grpc-throughput"));
      ratioLine(out, "peak RSS, gRPC path (sum over its proxies)", others,
          o -> rss(o, ProcessUse::peakRssKib, "grpc-latency", "grpc-throughput"));
    }
    out.append('\n');
  }

  private void latencyRatios(StringBuilder out, List<String> others, String workload, String prefix) {
    for (Integer rate : latencyRates(workload)) {
      String at = " @ " + rate + " rps";
      ratioLine(out, prefix + "p50" + at, others, o -> latency(o, workload, rate, Measurement::p50Us));
      ratioLine(out, prefix + "p99" + at, others, o -> latency(o, workload, rate, Measurement::p99Us));
      ratioLine(out, prefix + "p99.9" + at, others, o -> latency(o, workload, rate, Measurement::p999Us));
      ratioLine(out, prefix + "max" + at, others, o -> latency(o, workload, rate, Measurement::maxUs));
      ratioLine(out, prefix + "CPU s / 1k req" + at, others,
          o -> latency(o, workload, rate, Measurement::cpuSecondsPer1k));
    }
  }

  private void ratioLine(StringBuilder out, String name, List<String> others, Function<String, Double> value) {
    out.append("| ").append(name).append(" |");
    Double trellis = value.apply(TRELLIS);
    for (String other : others) {
      out.append(' ').append(Figures.ratio(trellis, value.apply(other))).append(" |");
    }
    out.append('\n');
  }

  private void notRun(StringBuilder out) {
    List<String> reasons = measurements.stream()
        .filter(m -> !m.ran())
        .map(m -> "- " + label(m.row()) + " (" + m.workload() + "): not run: " + m.notRun())
        .distinct()
        .toList();
    if (!reasons.isEmpty()) {
      out.append("### Not run\n\n");
      reasons.forEach(r -> out.append(r).append('\n'));
      out.append('\n');
    }
  }

  private Double latency(String row, String workload, int rate, Function<Measurement, Double> figure) {
    return figure(find(row, workload, rate), figure);
  }

  private boolean has(String workload) {
    return measurements.stream().anyMatch(m -> m.workload().equals(workload) && ROW_ORDER.contains(m.row()));
  }

  private static Double figure(Measurement m, Function<Measurement, Double> figure) {
    return m == null || !m.ran() ? null : figure.apply(m);
  }

  /**
   * The largest {@code figure} seen per process over {@code workloads}, summed over the
   * processes; null when none has it (older results have no RSS under load).
   */
  private Double rss(String row, Function<ProcessUse, Long> figure, String... workloads) {
    List<String> wanted = List.of(workloads);
    long kib = measurements.stream()
        .filter(m -> m.row().equals(row) && m.ran() && wanted.contains(m.workload()))
        .flatMap(m -> m.processes().stream())
        .filter(p -> figure.apply(p) != null)
        .collect(Collectors.toMap(ProcessUse::name, figure, Math::max, LinkedHashMap::new))
        .values().stream().mapToLong(Long::longValue).sum();
    return kib == 0 ? null : (double) kib;
  }

  private static String perProcessCpu(Measurement m) {
    if (m.processes().isEmpty() || m.requests() == null || m.requests() == 0) {
      return Figures.NONE;
    }
    double thousands = m.requests() / 1000.0;
    List<String> parts = new ArrayList<>();
    for (ProcessUse p : m.processes()) {
      parts.add(Figures.cpu(p.cpuSeconds() / thousands));
    }
    return String.join(" + ", parts);
  }

  private static String perProcessCpuPerGib(Measurement m) {
    if (m.processes().isEmpty() || m.bytes() == null || m.bytes() == 0) {
      return Figures.NONE;
    }
    double gib = m.bytes() / (1024.0 * 1024.0 * 1024.0);
    return m.processes().stream().map(p -> Figures.cpu(p.cpuSeconds() / gib)).collect(Collectors.joining(" + "));
  }

  private static String perProcessRss(Measurement m) {
    if (m.processes().isEmpty()) {
      return Figures.NONE;
    }
    return m.processes().stream()
        .map(p -> (p.loadRssKib() == null ? Figures.NONE : Figures.mib(p.loadRssKib())) + " / " + Figures.mib(p.peakRssKib()))
        .collect(Collectors.joining(" + "));
  }

  private Measurement find(String row, String workload, Integer rate) {
    for (Measurement m : measurements) {
      if (m.row().equals(row) && m.workload().equals(workload) && Objects.equals(m.targetRps(), rate)) {
        return m;
      }
    }
    return null;
  }

  private Set<Integer> latencyRates(String workload) {
    return measurements.stream()
        .filter(m -> m.workload().equals(workload) && m.targetRps() != null)
        .map(Measurement::targetRps)
        .sorted()
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The rows present, in the canonical order, then any others in order of appearance. */
  private List<String> rows() {
    Set<String> rows = new LinkedHashSet<>();
    for (String row : ROW_ORDER) {
      if (measurements.stream().anyMatch(m -> m.row().equals(row))) {
        rows.add(row);
      }
    }
    measurements.forEach(m -> rows.add(m.row()));
    return List.copyOf(rows);
  }

  static String label(String row) {
    return LABELS.getOrDefault(row, row);
  }
}
