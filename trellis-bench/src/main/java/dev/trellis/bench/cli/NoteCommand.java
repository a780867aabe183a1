package dev.trellis.bench.cli;

import dev.trellis.bench.report.Measurement;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench not-run}: records that a row or workload was not run, and why, so the report
 * shows the reason where the figures would be.
 */
@Command(name = "not-run", mixinStandardHelpOptions = true,
    description = "Record that a row was not run, and why.")
public final class NoteCommand implements Callable<Integer> {

  @Option(names = "--row", required = true, description = "Row name.")
  String row;

  @Option(names = "--workload", required = true, description = "latency, throughput, tcp, grpc.")
  String workload;

  @Option(names = "--reason", required = true, description = "Why, in a few words.")
  String reason;

  @Option(names = "--out", description = "Results file to append to (default: print the JSON line).")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Output.write(spec, out, Measurement.notRun(row, workload, reason));
    return 0;
  }
}
