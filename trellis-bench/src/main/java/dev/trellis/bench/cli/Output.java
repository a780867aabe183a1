package dev.trellis.bench.cli;

import dev.trellis.bench.report.Measurement;
import dev.trellis.bench.report.ResultsFile;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Where a command's measurements go: appended to a results file, or printed as JSON lines. */
final class Output {

  private Output() {}

  static void write(CommandSpec spec, Path file, Measurement measurement) throws IOException {
    if (file != null) {
      ResultsFile.append(file, measurement);
    } else {
      spec.commandLine().getOut().println(ResultsFile.toLine(measurement));
      spec.commandLine().getOut().flush();
    }
  }
}
