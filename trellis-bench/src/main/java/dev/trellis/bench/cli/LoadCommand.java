package dev.trellis.bench.cli;

import dev.trellis.bench.load.LoadGenerator;
import dev.trellis.bench.load.LoadResult;
import dev.trellis.bench.load.LoadSettings;
import dev.trellis.bench.net.Transport;
import dev.trellis.bench.proc.ProcFs;
import dev.trellis.bench.report.Measurement;
import dev.trellis.bench.report.ProcessUse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench load}: the open-loop latency runs of one row, one per rate, in one JVM so the
 * generator is warm for all but the first.
 *
 * <p>Appends one {@link Measurement} per rate to {@code --out} (or prints it), and a readable
 * summary to stderr. A rate that cannot run (no connection) is recorded as not run with the
 * reason, and the next rate is tried.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Open-loop HTTP/1.1 load at fixed rates; latency measured from intended send times.")
public final class LoadCommand implements Callable<Integer> {

  @Option(names = "--row", required = true, description = "Row name: direct, trellis, haproxy, nginx.")
  String row;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Target address (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", required = true, description = "Target port.")
  int port;

  @Option(names = "--path", defaultValue = "/", description = "Request path (default: ${DEFAULT-VALUE}).")
  String path;

  @Option(names = "--connections", defaultValue = "16", converter = PositiveIntConverter.class, description = "Keep-alive connections (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--rates", split = ",", defaultValue = "500,1000,2000", converter = PositiveIntConverter.class,
      description = "Offered rates in requests/s, comma-separated (default: ${DEFAULT-VALUE}).")
  List<Integer> rates;

  @Option(names = "--warmup", defaultValue = "2s", converter = DurationConverter.class,
      description = "Sent but not recorded, per rate (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--duration", defaultValue = "8s", converter = DurationConverter.class,
      description = "Measured window per rate (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--drain", defaultValue = "5s", converter = DurationConverter.class,
      description = "How long to wait for the last answers (default: ${DEFAULT-VALUE}).")
  Duration drain;

  @Option(names = "--process", converter = ProcessArg.Converter.class, paramLabel = "NAME=PID",
      description = "A proxy process whose CPU time and peak RSS to record; repeatable.")
  List<ProcessArg> processes = List.of();

  @Option(names = "--out", description = "Results file to append to (default: print the JSON lines).")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    LoadSettings base;
    try {
      base = new LoadSettings(host, port, path, connections, rates.get(0), warmup, duration, drain);
    } catch (IllegalArgumentException e) {
      // The settings name their fields; the options are the same words but for the window,
      // which is --duration on the command line.
      String message = e.getMessage().startsWith("measure:")
          ? "duration:" + e.getMessage().substring("measure:".length())
          : e.getMessage();
      throw new ParameterException(spec.commandLine(), "--" + message);
    }
    PrintWriter err = spec.commandLine().getErr();
    ProcFs procFs = ProcFs.system();
    try (LoadGenerator generator = new LoadGenerator(Transport.best(), System::nanoTime)) {
      for (int rate : rates) {
        Measurement measurement = runOne(generator, base.withRate(rate), procFs);
        Output.write(spec, out, measurement);
        err.println(summary(measurement));
        err.flush();
      }
    }
    return 0;
  }

  private Measurement runOne(LoadGenerator generator, LoadSettings settings, ProcFs procFs)
      throws InterruptedException {
    ProcessWindow window = new ProcessWindow(procFs, processes);
    LoadResult result;
    List<ProcessUse> uses;
    try {
      result = generator.run(settings, window);
      uses = window.uses();
    } catch (IOException e) {
      return notRun(settings, e.getMessage());
    }
    return new Measurement(row, "latency", settings.ratePerSecond(), result.achievedRps(),
        result.completed(), result.errors(), result.latencyMicros(50), result.latencyMicros(99),
        result.latencyMicros(99.9), result.maxMicros(), null, null, uses, null);
  }

  private Measurement notRun(LoadSettings settings, String reason) {
    return new Measurement(row, "latency", settings.ratePerSecond(), null, null, null, null, null, null,
        null, null, null, List.of(), reason);
  }

  private static String summary(Measurement m) {
    if (!m.ran()) {
      return String.format(Locale.ROOT, "%-8s latency @%5d rps: not run: %s", m.row(), m.targetRps(), m.notRun());
    }
    return String.format(Locale.ROOT,
        "%-8s latency @%5d rps: achieved %.0f rps, errors %d, p50 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us",
        m.row(), m.targetRps(), m.rps(), m.errors(), m.p50Us(), m.p99Us(), m.p999Us(), m.maxUs());
  }
}
