package dev.trellis.bench.cli;

import dev.trellis.bench.load.StreamReader;
import dev.trellis.bench.load.StreamResult;
import dev.trellis.bench.net.Transport;
import dev.trellis.bench.proc.ProcFs;
import dev.trellis.bench.report.Measurement;
import dev.trellis.bench.report.ProcessUse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench stream}: the TCP stream workload of one row: reads from a stream source through
 * the row's proxies and records MiB/s, CPU per GiB and peak RSS of the proxy processes.
 *
 * <p>A row whose connections cannot be opened, or whose connections close within the window,
 * is recorded as not run with the reason.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
    description = "TCP stream throughput: read endless bytes over fixed connections for a window.")
public final class StreamCommand implements Callable<Integer> {

  @Option(names = "--row", required = true, description = "Row name.")
  String row;

  @Option(names = "--port", required = true, description = "Port on 127.0.0.1 to read from.")
  int port;

  @Option(names = "--connections", defaultValue = "4", converter = PositiveIntConverter.class,
      description = "Connections read at once (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--warmup", defaultValue = "1s", converter = DurationConverter.class,
      description = "Read but not counted (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--duration", defaultValue = "5s", converter = DurationConverter.class,
      description = "Measured window (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--process", converter = ProcessArg.Converter.class, paramLabel = "NAME=PID",
      description = "A proxy process whose CPU time and peak RSS to record; repeatable.")
  List<ProcessArg> processes = List.of();

  @Option(names = "--out", description = "Results file to append to (default: print the JSON line).")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (duration.isZero() || duration.isNegative()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--duration: " + duration + " (expected: > 0)");
    }
    ProcessWindow window = new ProcessWindow(ProcFs.system(), processes);
    Measurement measurement;
    try (StreamReader reader = new StreamReader(Transport.best(), System::nanoTime)) {
      StreamResult result = reader.run("127.0.0.1", port, connections, warmup, duration, window);
      List<ProcessUse> uses = window.uses();
      if (result.lost() > 0) {
        measurement = Measurement.notRun(row, "tcp", result.lost() + " of " + connections
            + " connections closed during the window");
      } else {
        measurement = new Measurement(row, "tcp", null, null, null, 0L, null, null, null, null,
            result.bytes(), result.mibPerSecond(), uses, null);
      }
    } catch (IOException e) {
      measurement = Measurement.notRun(row, "tcp", e.getMessage());
    }
    Output.write(spec, out, measurement);
    var err = spec.commandLine().getErr();
    err.println(measurement.ran()
        ? String.format(Locale.ROOT, "%-8s tcp stream: %.0f MiB/s", row, measurement.mibPerSecond())
        : row + " tcp stream: not run: " + measurement.notRun());
    err.flush();
    return 0;
  }
}
