package dev.trellis.bench.cli;

import dev.trellis.bench.report.Measurement;
import dev.trellis.bench.report.StartTimes;
import dev.trellis.bench.start.StartTimer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bench start-time}: starts a proxy command a few times, one after the other, and records
 * how long each took to print its ready line and to answer a first request through it.
 *
 * <p>Everything after {@code --} is the command; {@code {run}} in it is replaced by the start's
 * number (1..N), so each start can have a fresh data directory. Each process is stopped before
 * the next starts. A start that fails makes the row "not run" with its reason.
 */
@Command(name = "start-time", mixinStandardHelpOptions = true,
    description = "Time a proxy's start to its ready line and to its first answer, over several fresh starts.")
public final class StartTimeCommand implements Callable<Integer> {

  @Option(names = "--row", required = true, description = "Row name.")
  String row;

  @Option(names = "--runs", defaultValue = "3", converter = PositiveIntConverter.class,
      description = "Starts to time (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--ready", defaultValue = "^ready", description = "Regex of the ready line (default: ${DEFAULT-VALUE}).")
  String ready;

  @Option(names = "--probe-port", description = "HTTP port answered through the proxy once it is up; GET / must get 200.")
  Integer probePort;

  @Option(names = "--target-ms", description = "The target for start to ready, shown with the figures.")
  Double targetMs;

  @Option(names = "--limit", defaultValue = "60s", converter = DurationConverter.class,
      description = "How long to wait for ready, and then for an answer (default: ${DEFAULT-VALUE}).")
  Duration limit;

  @Option(names = "--out", description = "Results file to append to (default: print the JSON line).")
  Path out;

  @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The proxy's command line, after --.")
  List<String> command = new ArrayList<>();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    StartTimer timer = new StartTimer(Pattern.compile(ready), probePort, limit, Duration.ofSeconds(10));
    List<Double> readyMs = new ArrayList<>();
    List<Double> firstAnswerMs = new ArrayList<>();
    Measurement measurement;
    try {
      for (int run = 1; run <= runs; run++) {
        String number = Integer.toString(run);
        StartTimer.Start start = timer.time(command.stream().map(a -> a.replace("{run}", number)).toList());
        readyMs.add(start.ready().toNanos() / 1e6);
        if (start.firstAnswer() != null) {
          firstAnswerMs.add(start.firstAnswer().toNanos() / 1e6);
        }
        err.println(String.format(Locale.ROOT, "%-8s start %d: ready after %.0f ms%s", row, run, readyMs.getLast(),
            start.firstAnswer() == null ? "" : String.format(Locale.ROOT, ", first answer after %.0f ms",
                firstAnswerMs.getLast())));
        err.flush();
      }
      measurement = Measurement.startTimes(row, new StartTimes(readyMs, firstAnswerMs, targetMs));
    } catch (IOException e) {
      measurement = Measurement.notRun(row, "start", "start " + (readyMs.size() + 1) + ": " + e.getMessage());
      err.println(row + " start: not run: " + measurement.notRun());
    }
    Output.write(spec, out, measurement);
    return 0;
  }
}
