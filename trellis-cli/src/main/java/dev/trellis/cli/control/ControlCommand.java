package dev.trellis.cli.control;

import dev.trellis.cli.DataDir;
import dev.trellis.cli.HostPort;
import dev.trellis.cli.UserError;
import dev.trellis.config.ConfigException;
import dev.trellis.control.server.ControlPlane;
import dev.trellis.control.server.ControlPlaneOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code trellis control}: runs the control plane in the foreground until SIGINT or SIGTERM.
 *
 * <p>Prints the URL it listens on (the line tests and scripts wait for), where its state and
 * token live, and what to try next.
 */
@Command(name = "control", mixinStandardHelpOptions = true,
    description = {
        "Run the control plane (registry, health checks, config store, admin API).",
        "",
        "Keeps the service registry and its health checks, stores the mesh configuration,",
        "pushes each proxy the snapshot it needs, and serves the admin API.",
        "Stops on Ctrl-C or SIGTERM."})
public final class ControlCommand implements Callable<Integer> {

  @Mixin
  DataDir dataDir;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7420",
      description = "Where the admin API listens (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
  String listen;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    HostPort address = HostPort.parse("--listen", listen);
    ControlPlane plane = start(address);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      plane.close();
      stopped.countDown();
    }, "trellis-control-shutdown"));

    PrintWriter out = spec.commandLine().getOut();
    if (!plane.address().getAddress().isLoopbackAddress()) {
      spec.commandLine().getErr().println("warning: the admin API listens on " + plane.address()
          + " over plain HTTP: anyone on that network can read the admin token in transit.");
    }
    out.println("trellis control plane listening on " + plane.uri());
    out.println("  data directory: " + dataDir.path() + " (admin token in "
        + dataDir.path().resolve("admin-token") + ")");
    out.println("  try: trellis apply -f examples/mesh/ ; trellis get services ; trellis get endpoints");
    out.flush();
    stopped.await();
    return 0;
  }

  private ControlPlane start(HostPort address) {
    ControlPlaneOptions options = ControlPlaneOptions.defaults(dataDir.path())
        .withHost(address.host())
        .withPort(address.port());
    try {
      return ControlPlane.start(options);
    } catch (BindException e) {
      throw new UserError("cannot listen on " + address + ": " + e.getMessage()
          + " (is another control plane running? --listen 127.0.0.1:0 picks a free port)");
    } catch (IOException e) {
      throw new UserError("cannot start the control plane: " + e.getMessage());
    } catch (ConfigException e) {
      throw new UserError("the stored state in " + dataDir.path() + " is not valid",
          e.errors().stream().map(Object::toString).toList());
    }
  }
}
