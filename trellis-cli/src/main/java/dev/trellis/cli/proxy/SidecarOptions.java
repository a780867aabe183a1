package dev.trellis.cli.proxy;

import dev.trellis.cli.UserError;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The sidecar's listener ports and instance metadata, as {@code trellis proxy} and
 * {@code trellis run} both take them: a picocli mixin.
 *
 * <p>Filled in by picocli on the command's thread before {@code call()}; read-only afterwards.
 * Values are checked by {@link #check()}, not by picocli, so that a bad one is refused with
 * the project's error format.
 */
public final class SidecarOptions {
  @Option(names = "--inbound-port", paramLabel = "P", defaultValue = "0",
      description = "Where peer sidecars connect (default: a free port).")
  int inboundPort;

  @Option(names = "--outbound-port", paramLabel = "P", defaultValue = "0",
      description = "The outbound HTTP listener, the application's HTTP_PROXY (default: a free port).")
  int outboundPort;

  @Option(names = "--admin-port", paramLabel = "P", defaultValue = "0",
      description = "The admin port on 127.0.0.1: /live /ready /config /endpoints (default: a free port).")
  int adminPort;

  @Option(names = "--label", paramLabel = "KEY=VALUE",
      description = "An instance label to register. Repeatable.")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "",
      description = "The instance's locality zone.")
  String zone;

  @Option(names = "--io-threads", paramLabel = "N",
      description = {"Event loop threads for the data path (default: one per CPU for `trellis",
          "proxy`, 1 for `trellis run`, whose application shares the machine)."})
  Integer ioThreads;

  /**
   * Refuses a port outside 0..65535 and an {@code --io-threads} below 1.
   *
   * @throws UserError naming the option, the value and what was expected
   */
  public void check() {
    checkPort("--inbound-port", inboundPort);
    checkPort("--outbound-port", outboundPort);
    checkPort("--admin-port", adminPort);
    if (ioThreads != null && ioThreads < 1) {
      throw new UserError("--io-threads: " + ioThreads + " (expected: >= 1)");
    }
  }

  /** The event loop threads asked for with {@code --io-threads}, else {@code commandDefault}. */
  public int ioThreads(int commandDefault) {
    return ioThreads == null ? commandDefault : ioThreads;
  }

  /** Where peer sidecars connect; 0 for a free port. */
  public int inboundPort() {
    return inboundPort;
  }

  /** The application's HTTP proxy; 0 for a free port. */
  public int outboundPort() {
    return outboundPort;
  }

  /** The admin port on 127.0.0.1; 0 for a free port. */
  public int adminPort() {
    return adminPort;
  }

  /** The instance labels to register, in the order given; never null. */
  public Map<String, String> labels() {
    return labels;
  }

  /** The instance's zone; empty when not given. */
  public String zone() {
    return zone;
  }

  /**
   * Refuses {@code port} outside 0..65535.
   *
   * @throws UserError {@code option: port (expected: 0..65535)}
   */
  public static void checkPort(String option, int port) {
    if (port < 0 || port > 65535) {
      throw new UserError(option + ": " + port + " (expected: 0..65535)");
    }
  }
}
