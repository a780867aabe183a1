package dev.trellis.cli.proxy;

import dev.trellis.api.client.Backoff;
import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.cli.ControlConnection;
import dev.trellis.cli.UserError;
import dev.trellis.proxy.SidecarConfig;
import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.UpstreamPort;
import dev.trellis.proxy.admin.AdminServer;
import dev.trellis.proxy.control.LinkSettings;
import dev.trellis.proxy.control.MeshLink;
import dev.trellis.proxy.inbound.LocalApp;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
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

  @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "5",
      description = "How long SIGTERM waits for requests in flight (default: ${DEFAULT-VALUE}).")
  int drainSeconds;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    ServiceKey key = new ServiceKey(label("--namespace", namespace), label("--service", service));
    LocalApp app = new LocalApp(key, parseAppPorts(), AppProtocol.HTTP);
    List<UpstreamPort> upstreamPorts = parseUpstreams(key.namespace());
    checkPort("--inbound-port", inboundPort);
    checkPort("--outbound-port", outboundPort);
    checkPort("--admin-port", adminPort);
    if (drainSeconds < 0) {
      throw new UserError("--drain-timeout: " + drainSeconds + " (expected: >= 0)");
    }
    SidecarConfig defaults = SidecarConfig.of(app);
    SidecarConfig config = new SidecarConfig(app, defaults.bindAddress(), inboundPort, outboundPort,
        upstreamPorts, defaults.pools(), defaults.ioThreads());

    ControlClient client = connection.client();
    SidecarProxy proxy = startProxy(config, client);
    MeshLink link = startLink(key, upstreamPorts, proxy, client, app);
    AdminServer admin = startAdmin(link, proxy, client);
    RunningSidecar sidecar = new RunningSidecar(proxy, link, admin, client, System::nanoTime);

    PrintWriter out = spec.commandLine().getOut();
    out.println("inbound " + proxy.inboundAddress().getHostString() + ":" + proxy.inboundAddress().getPort());
    out.println("outbound http " + proxy.outboundHttpAddress().getHostString() + ":"
        + proxy.outboundHttpAddress().getPort());
    for (UpstreamPort upstream : upstreamPorts) {
      var address = proxy.upstreamAddress(upstream.service());
      out.println("upstream " + upstream.service().displayName() + " " + address.getHostString() + ":"
          + address.getPort());
    }
    out.println("admin http://127.0.0.1:" + admin.address().getPort());
    out.flush();

    CountDownLatch stop = new CountDownLatch(1);
    for (String signal : List.of("TERM", "INT")) {
      Signal.handle(new Signal(signal), ignored -> stop.countDown());
    }
    ScheduledExecutorService readiness = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("trellis-readiness").factory());
    readiness.scheduleWithFixedDelay(() -> {
      if (link.status().ready()) {
        out.println("ready");
        out.flush();
        readiness.shutdown();
      }
    }, 0, 50, TimeUnit.MILLISECONDS);

    stop.await();
    readiness.shutdownNow();
    sidecar.shutdown(Duration.ofSeconds(drainSeconds));
    return 0;
  }

  private SidecarProxy startProxy(SidecarConfig config, ControlClient client) throws InterruptedException {
    try {
      return new SidecarProxy(config).start();
    } catch (RuntimeException e) {
      client.close();
      throw new UserError("cannot start the proxy: " + e.getMessage()
          + " (is a port taken? port 0 picks a free one)");
    }
  }

  private MeshLink startLink(ServiceKey key, List<UpstreamPort> upstreamPorts, SidecarProxy proxy,
      ControlClient client, LocalApp app) {
    Path dataDir = connection.dataDir();
    String node = key.name() + "-" + ProcessHandle.current().pid() + "-" + proxy.inboundAddress().getPort();
    LinkSettings settings = new LinkSettings(key, node,
        upstreamPorts.stream().map(UpstreamPort::service).toList(), labels, zone,
        InstanceRegistration.DEFAULT_LEASE_SECONDS, dataDir, Backoff.defaults(),
        // Health checks reach the application itself: the lowest of its ports.
        app.appPorts().values().stream().min(Integer::compare).orElse(0));
    MeshLink link = new MeshLink(settings, client, proxy, Clock.systemUTC());
    try {
      return link.start();
    } catch (ControlApiException e) {
      link.close();
      proxy.close();
      client.close();
      throw connection.explain(e);
    }
  }

  private AdminServer startAdmin(MeshLink link, SidecarProxy proxy, ControlClient client)
      throws InterruptedException {
    try {
      return AdminServer.of(link::status, link::current, proxy.loads()).start("127.0.0.1", adminPort);
    } catch (RuntimeException e) {
      link.close();
      proxy.close();
      client.close();
      throw new UserError("cannot listen on 127.0.0.1:" + adminPort + " for the admin port: " + e.getMessage());
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

  private List<UpstreamPort> parseUpstreams(String ownNamespace) {
    List<UpstreamPort> result = new ArrayList<>();
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
      result.add(new UpstreamPort(key, 0, localPort));
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

  private static void checkPort(String option, int port) {
    if (port < 0 || port > 65535) {
      throw new UserError(option + ": " + port + " (expected: 0..65535)");
    }
  }
}
