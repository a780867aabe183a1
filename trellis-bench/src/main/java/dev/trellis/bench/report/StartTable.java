package dev.trellis.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The report's start-up table: per row that measured it, the median and slowest time from
 * starting the proxy to its ready line and to the first answer through it, against the target.
 *
 * <p>Pure: no I/O, no clock. Empty when no row measured start-up.
 */
final class StartTable {

  private final List<Measurement> starts;

  StartTable(List<Measurement> measurements) {
    this.starts = measurements.stream().filter(m -> m.workload().equals("start")).toList();
  }

  String markdown() {
    if (starts.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append("### Proxy start to ready (fresh process, control plane running)\n\n");
    out.append("| row | starts | to ready, median ms | to ready, max ms | target ms | met | "
        + "to first answer, median ms | to first answer, max ms | every start, ready / first answer ms |\n");
    out.append("|---|--:|--:|--:|--:|:-:|--:|--:|---|\n");
    for (Measurement m : starts) {
      String label = ReportTable.label(m.row());
      if (!m.ran()) {
        out.append("| ").append(label).append(" | not run: ").append(m.notRun()).append(" ||||||||\n");
        continue;
      }
      StartTimes t = m.start();
      Double ready = StartTimes.median(t.readyMs());
      out.append("| ").append(label)
          .append(" | ").append(t.readyMs().size())
          .append(" | ").append(ms(ready))
          .append(" | ").append(ms(StartTimes.max(t.readyMs())))
          .append(" | ").append(ms(t.targetMs()))
          .append(" | ").append(t.targetMs() == null ? Figures.NONE : ready <= t.targetMs() ? "yes" : "no")
          .append(" | ").append(ms(StartTimes.median(t.firstAnswerMs())))
          .append(" | ").append(ms(StartTimes.max(t.firstAnswerMs())))
          .append(" | ").append(every(t))
          .append(" |\n");
    }
    out.append('\n');
    return out.toString();
  }

  private static String every(StartTimes t) {
    return IntStream.range(0, t.readyMs().size())
        .mapToObj(i -> ms(t.readyMs().get(i)) + (i < t.firstAnswerMs().size() ? " / " + ms(t.firstAnswerMs().get(i)) : ""))
        .collect(Collectors.joining(", "));
  }

  private static String ms(Double value) {
    return value == null ? Figures.NONE : String.format(Locale.ROOT, "%.0f", value);
  }
}
