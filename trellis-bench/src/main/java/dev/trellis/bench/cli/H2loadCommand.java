package dev.trellis.bench.cli;

import dev.trellis.bench.grpc.BenchMethod;
import dev.trellis.bench.h2load.H2loadOutput;
import dev.trellis.bench.report.Measurement;
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
 * {@code bench h2load}: runs an h2load command line of gRPC calls, reads the proxy processes'
 * CPU time before and after it, and records the {@code grpc-throughput} row.
 *
 * <p>Everything after {@code --} is the h2load command, run as given; its {@code -d} file holds
 * the request, one gRPC message with its 5-byte prefix. h2load's totals (its output from
 * {@code finished in} on, without the progress lines) are copied to stderr. When h2load fails
 * or prints no totals, the row is recorded as not run with the reason.
 */
@Command(name = "h2load", mixinStandardHelpOptions = true,
    description = "Run h2load with gRPC framing for maximum throughput; record calls/s, CPU per 1k calls and peak RSS.")
public final class H2loadCommand implements Callable<Integer> {

  @Option(names = "--row", required = true, description = "Row name.")
  String row;

  @Option(names = "--body-bytes", defaultValue = "1024", description = "Message size of every good answer (default: ${DEFAULT-VALUE}).")
  int bodyBytes;

  @Option(names = "--process", converter = ProcessArg.Converter.class, paramLabel = "NAME=PID",
      description = "A proxy process whose CPU time and peak RSS to record; repeatable.")
  List<ProcessArg> processes = List.of();

  @Option(names = "--out", description = "Results file to append to (default: print the JSON line).")
  Path out;

  @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The h2load command line, after --.")
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
    int totals = output.indexOf("finished in");
    err.print(totals >= 0 ? output.substring(totals) : output);
    Measurement measurement;
    try {
      if (exit != 0) {
        throw new IllegalArgumentException("h2load exited with " + exit);
      }
      H2loadOutput result = H2loadOutput.parse(output, BenchMethod.FRAME_HEADER_BYTES + bodyBytes);
      measurement = new Measurement(row, "grpc-throughput", null, result.goodPerSecond(), result.goodCalls(),
          result.errors(), null, null, null, null, null, null, window.uses(), null);
      err.println(String.format(Locale.ROOT, "%-8s gRPC throughput: %.0f calls/s, errors %d",
          row, measurement.rps(), measurement.errors()));
    } catch (IllegalArgumentException | IOException e) {
      measurement = Measurement.notRun(row, "grpc-throughput", e.getMessage());
      err.println(row + " gRPC throughput: not run: " + e.getMessage());
    }
    err.flush();
    Output.write(spec, out, measurement);
    return 0;
  }
}
