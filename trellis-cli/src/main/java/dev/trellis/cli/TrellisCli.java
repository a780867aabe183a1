package dev.trellis.cli;

import dev.trellis.cli.control.ControlCommand;
import dev.trellis.cli.demo.DemoCommand;
import dev.trellis.cli.proxy.ProxyCommand;
import dev.trellis.cli.resources.ApplyCommand;
import dev.trellis.cli.resources.DeleteCommand;
import dev.trellis.cli.resources.GetCommand;
import dev.trellis.cli.run.RunCommand;
import dev.trellis.cli.status.StatusCommand;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * The {@code trellis} command: one entry point for the control plane, the sidecar and the tools.
 *
 * <p>Exit codes follow the usual conventions: 0 success, 1 the command failed (the reason on
 * stderr, one line, no stack trace), 2 the command line was wrong (with usage).
 */
@Command(
    name = "trellis",
    mixinStandardHelpOptions = true,
    versionProvider = TrellisVersion.class,
    description = "Trellis: a service mesh. Sidecar proxies and the control plane that configures them.")
public final class TrellisCli implements Callable<Integer> {
  private static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";
  private static final String NETTY_JFR_PROPERTY = "io.netty.jfr.enabled";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Before any Netty class: Netty reads its settings once, as its classes initialise.
    if (System.getProperty(NETTY_JFR_PROPERTY) == null) {
      // Netty's buffer allocator declares JFR events: the first buffer it allocates loads and
      // registers the JDK's flight recorder (~110 classes, 0.1-0.2 s on a busy CPU), whether or
      // not anything records. Someone recording the allocator sets -Dio.netty.jfr.enabled=true.
      System.setProperty(NETTY_JFR_PROPERTY, "false");
    }
    if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
      // Netty samples one buffer in 128 for leak tracking by default, recording a stack trace
      // for each: about 2% of a busy sidecar's CPU in profiles. The tests track every buffer
      // (paranoid); a user chasing a leak sets -Dio.netty.leakDetection.level=simple or higher.
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
    System.exit(execute(args));
  }

  /** Runs one command line and returns its exit code, without exiting (tests call this). */
  public static int execute(String... args) {
    CommandLine commandLine = new CommandLine(new TrellisCli());
    subcommandsFor(args.length == 0 ? "" : args[0]).forEach(commandLine::addSubcommand);
    commandLine.setExecutionExceptionHandler(new CliErrors());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine.execute(args);
  }

  /**
   * The subcommands to build for a command line starting with {@code first}: all of them, in the
   * order {@code trellis --help} lists them, except for a sidecar. picocli reflects over every
   * subcommand it is given (~140 ms for all of them on a cold JVM), and a sidecar's start to
   * ready is a figure its users watch, so {@code proxy} and {@code run} build their own alone.
   */
  private static List<Object> subcommandsFor(String first) {
    return switch (first) {
      case "proxy" -> List.of(new ProxyCommand());
      case "run" -> List.of(new RunCommand());
      default -> List.of(
          new ControlCommand(),
          new ProxyCommand(),
          new RunCommand(),
          new StatusCommand(),
          new DemoCommand(),
          new ApplyCommand(),
          new GetCommand(),
          new DeleteCommand(),
          new HelpCommand());
    };
  }

  /** {@code trellis} alone is a usage error: say what there is to do, on stderr. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}
