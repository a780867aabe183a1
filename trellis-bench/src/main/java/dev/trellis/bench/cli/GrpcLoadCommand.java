package dev.trellis.bench.cli;

import dev.trellis.bench.grpc.GrpcOpenLoop;
import dev.trellis.bench.load.LoadResult;
import dev.trellis.bench.load.WindowListener;
import dev.trellis.bench.proc.ProcFs;
import dev.trellis.bench.report.Measurement;
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
import picocli.CommandLine.Spec;

/**
 * {@code bench grpc-load}: open-loop gRPC unary calls at fixed rates, one
 * {@code grpc-latency} measurement per rate, with the proxy processes' CPU time and peak RSS
 * over each measured window.
 *
 * <p>When the connections cannot be opened, every rate is recorded as not run with the reason.
 */
@Command(name = "grpc-load", mixinStandardHelpOptions = true,
    description = "Open-loop gRPC unary load at fixed rates; latency from intended send times to the trailers.")
public final class GrpcLoadCommand implements Callable<Integer> {

  @Option(names = "--row", required = true, description = "Row name: direct, trellis, haproxy, nginx.")
  String row;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Target address (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", required = true, description = "Target port (h2c).")
  int port;

  @Option(names = "--connections", defaultValue = "4", converter = PositiveIntConverter.class,
      description = "HTTP/2 connections, calls multiplexed over them (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--rates", split = ",", defaultValue = "1000", converter = PositiveIntConverter.class,
      description = "Offered rates in calls/s, comma-separated (default: ${DEFAULT-VALUE}).")
  List<Integer> rates;

  @Option(names = "--body-bytes", defaultValue = "1024", description = "Message size every answer must have (default: ${DEFAULT-VALUE}).")
  int bodyBytes;

  @Option(names = "--warmup", defaultValue = "2s", converter = DurationConverter.class,
      description = "Sent but not recorded, per rate (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--duration", defaultValue = "8s", converter = DurationConverter.class,
      description = "Measured window per rate (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--client-warmup", defaultValue = "2s", converter = DurationConverter.class,
      description = "Calls at the first rate before any rate's own warm-up, not recorded: this JVM's "
          + "gRPC client compiles its hot paths meanwhile (default: ${DEFAULT-VALUE}).")
  Duration clientWarmup;

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
    PrintWriter err = spec.commandLine().getErr();
    GrpcOpenLoop generator;
    try {
      generator = new GrpcOpenLoop(host, port, connections, bodyBytes);
    } catch (IOException e) {
      for (int rate : rates) {
        record(err, notRun(rate, e.getMessage()));
      }
      return 0;
    }
    try (generator) {
      if (!clientWarmup.isZero()) {
        generator.run(rates.get(0), Duration.ZERO, clientWarmup, drain, WindowListener.NONE);
      }
      for (int rate : rates) {
        ProcessWindow window = new ProcessWindow(ProcFs.system(), processes);
        LoadResult result = generator.run(rate, warmup, duration, drain, window);
        Measurement measurement;
        try {
          measurement = new Measurement(row, "grpc-latency", rate, result.achievedRps(), result.completed(),
              result.errors(), result.latencyMicros(50), result.latencyMicros(99), result.latencyMicros(99.9),
              result.maxMicros(), null, null, window.uses(), null);
        } catch (IOException e) {
          measurement = notRun(rate, e.getMessage());
        }
        record(err, measurement);
      }
    }
    return 0;
  }

  private void record(PrintWriter err, Measurement m) throws IOException {
    Output.write(spec, out, m);
    if (m.ran()) {
      err.println(String.format(Locale.ROOT,
          "%-8s gRPC @%5d rps: achieved %.0f rps, errors %d, p50 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us",
          row, m.targetRps(), m.rps(), m.errors(), m.p50Us(), m.p99Us(), m.p999Us(), m.maxUs()));
    } else {
      err.println(String.format(Locale.ROOT, "%-8s gRPC @%5d rps: not run: %s", row, m.targetRps(), m.notRun()));
    }
    err.flush();
  }

  private Measurement notRun(int rate, String reason) {
    return new Measurement(row, "grpc-latency", rate, null, null, null, null, null, null, null, null, null,
        List.of(), reason);
  }
}
