package dev.trellis.bench.cli;

import dev.trellis.bench.report.ReportTable;
import dev.trellis.bench.report.ResultsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench report}: prints the markdown tables of a results file, after a preamble the
 * harness wrote (date, machine, pinning, settings, the command to reproduce).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Print the markdown report of a results file.")
public final class ReportCommand implements Callable<Integer> {

  @Option(names = "--results", required = true, description = "The results file (JSON lines).")
  Path results;

  @Option(names = "--preamble", description = "Markdown to print before the tables.")
  Path preamble;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    var out = spec.commandLine().getOut();
    if (preamble != null) {
      out.print(Files.readString(preamble));
    }
    out.print(new ReportTable(ResultsFile.read(results)).markdown());
    out.flush();
    return 0;
  }
}
