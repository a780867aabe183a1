package dev.trellis.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The tools {@code bench/run} drives: the HTTP, stream and gRPC backends, the open-loop load
 * generators (HTTP, TCP stream, gRPC), the wrk and h2load wrappers, the proxy start timer and
 * the report. JMH benchmarks run through {@code org.openjdk.jmh.Main} instead.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Trellis benchmark tools (driven by bench/run).",
    subcommands = {BackendCommand.class, LoadCommand.class, WrkCommand.class, NoteCommand.class,
        ReportCommand.class, PortsCommand.class, StreamSourceCommand.class, StreamCommand.class,
        GrpcBackendCommand.class, GrpcLoadCommand.class, H2loadCommand.class, StartTimeCommand.class})
public final class BenchCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with its error format set, as {@link #main} runs it. */
  public static CommandLine commandLine() {
    return new CommandLine(new BenchCli()).setParameterExceptionHandler(new OptionErrors());
  }
}
