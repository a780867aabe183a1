package dev.trellis.examples.bookstore;

import dev.trellis.examples.bookstore.catalog.CatalogCommand;
import dev.trellis.examples.bookstore.inventory.InventoryCommand;
import dev.trellis.examples.bookstore.loadgen.LoadgenCommand;
import dev.trellis.examples.bookstore.reviews.ReviewsCommand;
import dev.trellis.examples.bookstore.web.WebCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The bookstore example's one entry point: {@code Bookstore <service> [flags]}.
 *
 * <pre>
 *           +--> catalog (HTTP) --> inventory (HTTP)
 * web ------+
 * (HTTP)    +--> reviews (gRPC)          loadgen --> web
 * </pre>
 *
 * <p>Each service listens on 127.0.0.1, prints {@code listening on 127.0.0.1:PORT}, and stops
 * cleanly on SIGTERM. Upstreams are found as {@link dev.trellis.examples.bookstore.upstream.Upstreams}
 * says: a sidecar port, then HTTP_PROXY, then a flag. For example, without the mesh:
 *
 * <pre>{@code
 * java -cp 'dist/lib/*' dev.trellis.examples.bookstore.Bookstore inventory --port 8083
 * java -cp 'dist/lib/*' dev.trellis.examples.bookstore.Bookstore catalog --port 8082 --inventory 127.0.0.1:8083
 * }</pre>
 *
 * <p>Exit codes: 0 stopped normally (or loadgen within its error budget), 1 loadgen saw too many
 * errors or a service failed to start, 2 a flag was wrong.
 */
@Command(
    name = "Bookstore",
    description = "The Trellis bookstore example: web, catalog, inventory, reviews and a load generator.",
    subcommands = {
        WebCommand.class,
        CatalogCommand.class,
        InventoryCommand.class,
        ReviewsCommand.class,
        LoadgenCommand.class,
    })
public final class Bookstore implements Runnable {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // gRPC's shaded Netty would otherwise use sun.misc.Unsafe and load its native transport,
    // which JDK 24+ answers with several lines of warnings in a demo's output. The example's
    // small traffic does not need either; a launcher can still set these properties to false.
    setIfAbsent("io.grpc.netty.shaded.io.netty.noUnsafe", "true");
    setIfAbsent("io.grpc.netty.shaded.io.netty.transport.noNative", "true");
    System.exit(execute(args));
  }

  /** Runs one command line and returns its exit code without exiting. */
  public static int execute(String... args) {
    CommandLine commandLine = new CommandLine(new Bookstore());
    commandLine.setExecutionExceptionHandler((failure, line, parseResult) -> {
      boolean badFlag = failure instanceof IllegalArgumentException;
      line.getErr().println(line.getCommandName() + ": " + (badFlag ? "" : "failed: ") + failure.getMessage());
      return badFlag ? 2 : 1;
    });
    return commandLine.execute(args);
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
