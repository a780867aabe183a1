package dev.trellis.bench.cli;

import dev.trellis.bench.report.Measurement;
import dev.trellis.bench.report.ProcessUse;
import dev.trellis.bench.wrk.WrkOutput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bench wrk}: runs a wrk command line, reads the proxy processes' CPU time before and
 * after it, and records the throughput row.
 *
 * <p>Everything after {@code --} is the wrk command, run as given (so the harness decides the
 * pinning, e.g. {@code -- taskset -c 0 wrk -t1 -c16 -d5s URL}). wrk's output is copied to stderr.
 * When wrk fails or prints no totals, the row is recorded as not run with the reason.
 */
@Command(name = "wrk", mixinStandardHelpOptions = true,
    description = "Run wrk for maximum throughput and record rps, CPU per 1k requests and peak RSS.")
public final class WrkCommand implements Callable<Integer> {

  @Option(names = "--row", required = true, description = "Row name.")
  String row;

  @Option(names = "--process", converter = ProcessArg.Converter.class, paramLabel = "NAME=PID",
      description = "A proxy process whose CPU time and peak RSS to record; repeatable.")
  List<ProcessArg> processes = List.of();

  @Option(names = "--out", description = "Results file to append to (default: print the JSON line).")
  Path out;

  @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The wrk command line, after --.")
  List<String> command = new ArrayList<>();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    WatchedTool run = WatchedTool.run(command, processes);
    String output = run.output();
    int exit = run.exit();
    ProcessWindow window = run.window();
    err.print(output);
    Measurement measurement;
    try {
      if (exit != 0) {
        throw new IllegalArgumentException("wrk exited with " + exit);
      }
      WrkOutput result = WrkOutput.parse(output);
      List<ProcessUse> uses = window.uses();
      measurement = new Measurement(row, "throughput", null, result.goodRequests() / result.seconds(),
          result.goodRequests(), result.errors(), null, null, null, null, null, null, uses, null);
      err.println(String.format(Locale.ROOT, "%-8s throughput: %.0f rps, errors %d",
          row, measurement.rps(), measurement.errors()));
    } catch (IllegalArgumentException | IOException e) {
      measurement = Measurement.notRun(row, "throughput", e.getMessage());
      err.println(row + " throughput: not run: " + e.getMessage());
    }
    err.flush();
    Output.write(spec, out, measurement);
    return 0;
  }
}
