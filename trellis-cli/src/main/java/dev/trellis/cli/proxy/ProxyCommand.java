package dev.trellis.cli.proxy;

import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import dev.trellis.cli.ControlConnection;
import dev.trellis.cli.UserError;
import dev.trellis.cli.run.InProcessSidecar;
import dev.trellis.cli.run.SidecarPlan;
import dev.trellis.cli.run.UpstreamArgument;
import dev.trellis.proxy.mesh.ServiceKey;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code trellis proxy}: runs the sidecar beside one application instance until SIGTERM/SIGINT.
 *
 * <p>Prints one line per listener, then {@code ready} once registered and in sync, so that scripts
 * and {@code trellis run} can wait for it:
 * <pre>
 *   inbound 127.0.0.1:41235
 *   outbound http 127.0.0.1:41236
 *   upstream catalog 127.0.0.1:9001
 *   admin http://127.0.0.1:41237
 *   ready
 * </pre>
 * On SIGTERM it deregisters, drains (still serving, asking callers to close their connections),
 * lets requests in flight finish (bounded by {@code --drain-timeout}) and exits 0.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Run the sidecar proxy beside one instance of a service.",
        "",
        "Registers the instance with the control",
        "plane, routes the application's outbound calls and the mesh's inbound ones, and serves",
        "from its last good snapshot (also cached in the data directory) while the control plane",
        "is away. Stops gracefully on SIGTERM or Ctrl-C."})
public final class ProxyCommand implements Callable<Integer> {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  @Option(names = "--service", required = true, paramLabel = "NAME",
      description = "The service this instance belongs to.")
  String service;

  @Option(names = "--namespace", paramLabel = "NS", defaultValue = "default",
      description = "The service's namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--app-port", required = true, paramLabel = "PORT|SVCPORT=PORT",
      description = {"Where the application listens on loopback. PORT alone: the service port",
          "the mesh declares is the application's port; SVCPORT=PORT maps a declared service",
          "port to another application port. Repeatable."})
  List<String> appPorts;

  @Option(names = "--upstream", paramLabel = "SERVICE:LOCALPORT",
      description = {"A local port for calls to SERVICE (name, or name.namespace); HTTP or TCP",
          "per the service's declared protocol. LOCALPORT 0 picks a free one. Repeatable."})
  List<String> upstreams = new ArrayList<>();

  @Mixin
  ControlConnection connection;

  @Mixin
  SidecarOptions sidecarOptions;

  @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "5",
      description = "How long SIGTERM waits for requests in flight (default: ${DEFAULT-VALUE}).")
  int drainSeconds;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    ServiceKey key = new ServiceKey(label("--namespace", namespace), label("--service", service));
    Map<Integer, Integer> appPortMap = parseAppPorts();
    List<UpstreamArgument> upstreamArguments = parseUpstreams(key.namespace());
    sidecarOptions.check();
    if (drainSeconds < 0) {
      throw new UserError("--drain-timeout: " + drainSeconds + " (expected: >= 0)");
    }
    SidecarPlan plan = new SidecarPlan(key, appPortMap, upstreamArguments, sidecarOptions.inboundPort(),
        sidecarOptions.outboundPort(), sidecarOptions.adminPort(), sidecarOptions.labels(),
        sidecarOptions.zone(), connection.dataDir(),
        // A standalone sidecar has the machine to itself: one event loop per core, as SidecarConfig.of.
        sidecarOptions.ioThreads(Math.max(1, Runtime.getRuntime().availableProcessors())));

    ControlClient client = connection.client();
    InProcessSidecar started = start(plan, client);
    RunningSidecar sidecar = new RunningSidecar(started, client, System::nanoTime);

    PrintWriter out = spec.commandLine().getOut();
    out.println("inbound " + hostPort(started.inboundAddress()));
    out.println("outbound http " + hostPort(started.outboundAddress()));
    for (UpstreamArgument upstream : upstreamArguments) {
      out.println("upstream " + upstream.service().displayName() + " "
          + hostPort(started.upstreamAddress(upstream)));
    }
    out.println("admin http://127.0.0.1:" + started.adminAddress().getPort());
    out.flush();

    CountDownLatch stop = new CountDownLatch(1);
    for (String signal : List.of("TERM", "INT")) {
      Signal.handle(new Signal(signal), ignored -> stop.countDown());
    }
    ScheduledExecutorService readiness = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("trellis-readiness").factory());
    readiness.scheduleWithFixedDelay(() -> {
      if (started.status().ready()) {
        out.println("ready");
        out.flush();
        readiness.shutdown();
      }
    }, 0, 10, TimeUnit.MILLISECONDS); // `ready` at most 10 ms late: start-up time is measured by it

    stop.await();
    readiness.shutdownNow();
    sidecar.shutdown(Duration.ofSeconds(drainSeconds));
    return 0;
  }

  /** Starts the sidecar, or closes the client and says why it could not. */
  private InProcessSidecar start(SidecarPlan plan, ControlClient client) throws InterruptedException {
    try {
      return InProcessSidecar.start(plan, client);
    } catch (ControlApiException e) {
      client.close();
      throw connection.explain(e);
    } catch (InProcessSidecar.AdminPortException e) {
      client.close();
      throw new UserError("cannot listen on 127.0.0.1:" + plan.adminPort() + " for the admin port: "
          + e.getMessage());
    } catch (RuntimeException e) {
      client.close();
      throw new UserError("cannot start the proxy: " + e.getMessage()
          + " (is a port taken? port 0 picks a free one)");
    }
  }

  private Map<Integer, Integer> parseAppPorts() {
    Map<Integer, Integer> mapped = new LinkedHashMap<>();
    for (String value : appPorts) {
      int equals = value.indexOf('=');
      if (equals < 0) {
        int port = port("--app-port", value, value, 1);
        mapped.put(port, port);
      } else {
        mapped.put(port("--app-port", value, value.substring(0, equals), 1),
            port("--app-port", value, value.substring(equals + 1), 1));
      }
    }
    return mapped;
  }

  private List<UpstreamArgument> parseUpstreams(String ownNamespace) {
    List<UpstreamArgument> result = new ArrayList<>();
    for (String value : upstreams) {
      int colon = value.lastIndexOf(':');
      String name = colon < 0 ? "" : value.substring(0, colon);
      int dot = name.indexOf('.');
      String service = dot < 0 ? name : name.substring(0, dot);
      String ns = dot < 0 ? ownNamespace : name.substring(dot + 1);
      if (colon < 0 || !DNS_LABEL.matcher(service).matches() || !DNS_LABEL.matcher(ns).matches()) {
        throw new UserError("--upstream: " + value
            + " (expected: SERVICE:LOCALPORT, SERVICE a name or name.namespace, e.g. catalog:9001)");
      }
      int localPort = port("--upstream", value, value.substring(colon + 1), 0);
      ServiceKey key = new ServiceKey(ns, service);
      if (result.stream().anyMatch(u -> u.service().equals(key))) {
        throw new UserError("--upstream: " + value + " (expected: each service once; " + name + " is given twice)");
      }
      result.add(new UpstreamArgument(name, key, localPort));
    }
    return result;
  }

  private static String label(String option, String value) {
    if (!DNS_LABEL.matcher(value).matches()) {
      throw new UserError(option + ": " + value + " (expected: a DNS label, e.g. catalog)");
    }
    return value;
  }

  private static int port(String option, String whole, String text, int min) {
    try {
      int port = Integer.parseInt(text);
      if (port >= min && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserError(option + ": " + whole + " (expected: a port " + min + "..65535)");
  }

  private static String hostPort(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }
}
