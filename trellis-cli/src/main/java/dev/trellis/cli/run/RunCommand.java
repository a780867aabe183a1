package dev.trellis.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import dev.trellis.cli.ControlConnection;
import dev.trellis.cli.UserError;
import dev.trellis.cli.proxy.SidecarOptions;
import dev.trellis.config.ResourceKind;
import dev.trellis.proxy.mesh.ServiceKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trellis run}: runs an application beside its sidecar, in one command.
 *
 * <pre>
 *   trellis run --service catalog --port 0 --upstream inventory:0 -- java -jar catalog.jar
 * </pre>
 *
 * <p>The sidecar runs in this JVM; the application is a child process started only once the
 * sidecar is ready, with {@code HTTP_PROXY}, {@code TRELLIS_UPSTREAM_<SVC>} and {@code PORT} in
 * its environment (see {@link AppEnvironment}). Exits with the application's exit code. What
 * happens on signals and exit is {@link Supervisor}'s job.
 *
 * <p>Prints the sidecar's addresses as {@code trellis proxy} does ({@code inbound ...},
 * {@code outbound http ...}, {@code upstream SVC ...}, {@code admin http://...}), then
 * {@code app port P} when there is one, {@code ready}, and {@code trellis run: ...} lines as the
 * application starts and stops.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Run an application beside its sidecar proxy, in one command.",
        "",
        "The sidecar starts first, in this process; the application (COMMAND, after --) starts once"
            + " the sidecar is registered and in sync, with HTTP_PROXY, TRELLIS_UPSTREAM_<SVC> and PORT"
            + " telling it where the mesh is. SIGTERM and SIGINT leave the mesh, let requests in flight"
            + " finish, then stop the application; SIGHUP is passed on. When the application exits,"
            + " so does trellis run, with its exit code.",
        ""})
public final class RunCommand implements Callable<Integer> {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  @Option(names = "--service", required = true, paramLabel = "NAME",
      description = "The service the application is an instance of.")
  String service;

  @Option(names = "--namespace", paramLabel = "NS", defaultValue = "default",
      description = "The service's namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--port", paramLabel = "APP_PORT",
      description = "Where the application listens on 127.0.0.1; 0 picks a free port. Passed to"
          + " the application as PORT; the service ports the mesh declares are delivered here."
          + " Leave it out for an application that serves nothing (a job, a client).")
  Integer appPort;

  @Option(names = "--upstream", paramLabel = "SERVICE:LOCALPORT",
      description = "A local port for calls to SERVICE (name, or name.namespace), passed as"
          + " TRELLIS_UPSTREAM_<SERVICE>=127.0.0.1:PORT. LOCALPORT 0 picks a free one. Repeatable.")
  List<String> upstreams = new ArrayList<>();

  @Mixin
  ControlConnection connection;

  @Mixin
  SidecarOptions sidecarOptions;

  @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "10s",
      converter = DurationConverter.class,
      description = "How long SIGTERM may take, requests in flight included (default: ${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Option(names = "--ready-timeout", paramLabel = "DURATION", defaultValue = "60s",
      converter = DurationConverter.class,
      description = "How long to wait for the sidecar before giving up (default: ${DEFAULT-VALUE}).")
  Duration readyTimeout;

  @Parameters(arity = "1..*", paramLabel = "COMMAND",
      description = "The application and its arguments, after --.")
  List<String> command;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    ServiceKey key = new ServiceKey(label("--namespace", namespace), label("--service", service));
    List<UpstreamArgument> upstreamArguments = parseUpstreams(key.namespace());
    sidecarOptions.check();
    if (appPort != null) {
      SidecarOptions.checkPort("--port", appPort);
    }
    OptionalInt port = appPort == null ? OptionalInt.empty()
        : OptionalInt.of(appPort == 0 ? FreePort.pick() : appPort);
    PrintWriter out = spec.commandLine().getOut();

    try (ControlClient client = connection.client()) {
      SidecarPlan plan = new SidecarPlan(key, appPorts(client, key, port), upstreamArguments,
          sidecarOptions.inboundPort(), sidecarOptions.outboundPort(), sidecarOptions.adminPort(),
          sidecarOptions.labels(), sidecarOptions.zone(), connection.dataDir(),
          // One event loop thread by default: the sidecar shares the machine with its application.
          sidecarOptions.ioThreads(1));
      InProcessSidecar sidecar = startSidecar(plan, client);
      AppProcess app = null;
      try {
        List<AppEnvironment.BoundUpstream> bound = printAddresses(out, sidecar, upstreamArguments, port);
        Supervisor supervisor = new Supervisor(sidecar, client, out, System::nanoTime, drainTimeout);
        SignalRelay.install(supervisor::onSignal);
        int stoppedEarly = supervisor.awaitReady(readyTimeout);
        if (stoppedEarly >= 0) {
          return stoppedEarly;
        }
        out.println("ready");
        out.flush();
        app = startApp(AppEnvironment.of(key.name(), key.namespace(), port, sidecar.outboundAddress(), bound,
            System.getenv()));
        if (app == null) {
          return 127;
        }
        out.println("trellis run: started " + String.join(" ", command) + " (pid " + app.pid() + ")");
        out.flush();
        return supervisor.supervise(app);
      } finally {
        if (app != null && app.isAlive()) {
          app.kill();
        }
        sidecar.close();
      }
    }
  }

  /**
   * Maps every port the service declares to the application's port, so that the mesh's calls to
   * {@code catalog:8080} reach an application told to listen elsewhere. Read once at start; a
   * service declared later is delivered to the application's port as its own number.
   */
  private Map<Integer, Integer> appPorts(ControlClient client, ServiceKey key, OptionalInt port) {
    if (port.isEmpty()) {
      return Map.of();
    }
    Map<Integer, Integer> mapped = new LinkedHashMap<>();
    try {
      JsonNode declared = client.get(ResourceKind.SERVICE, key.namespace(), key.name());
      for (JsonNode servicePort : declared.path("spec").path("ports")) {
        mapped.put(servicePort.path("port").asInt(), port.getAsInt());
      }
    } catch (ControlApiException e) {
      if (e.status() != 404 && e.status() != 0) {
        throw connection.explain(e);
      }
    }
    mapped.putIfAbsent(port.getAsInt(), port.getAsInt());
    return mapped;
  }

  private InProcessSidecar startSidecar(SidecarPlan plan, ControlClient client) throws InterruptedException {
    try {
      return InProcessSidecar.start(plan, client);
    } catch (ControlApiException e) {
      throw connection.explain(e);
    } catch (RuntimeException e) {
      throw new UserError("cannot start the sidecar: " + e.getMessage()
          + " (is a port taken? port 0 picks a free one)");
    }
  }

  private List<AppEnvironment.BoundUpstream> printAddresses(PrintWriter out, InProcessSidecar sidecar,
      List<UpstreamArgument> upstreamArguments, OptionalInt port) {
    out.println("inbound " + hostPort(sidecar.inboundAddress()));
    out.println("outbound http " + hostPort(sidecar.outboundAddress()));
    List<AppEnvironment.BoundUpstream> bound = new ArrayList<>();
    for (UpstreamArgument upstream : upstreamArguments) {
      InetSocketAddress address = sidecar.upstreamAddress(upstream);
      bound.add(new AppEnvironment.BoundUpstream(upstream, address));
      out.println("upstream " + upstream.service().displayName() + " " + hostPort(address));
    }
    out.println("admin http://127.0.0.1:" + sidecar.adminAddress().getPort());
    port.ifPresent(p -> out.println("app port " + p));
    out.flush();
    return bound;
  }

  /** Starts the application; null (after saying why) when it cannot be started. */
  private AppProcess startApp(Map<String, String> environment) {
    try {
      return AppProcess.start(command, environment);
    } catch (IOException e) {
      spec.commandLine().getErr().println("error: cannot start " + command.get(0) + ": " + e.getMessage());
      spec.commandLine().getErr().flush();
      return null;
    }
  }

  private List<UpstreamArgument> parseUpstreams(String ownNamespace) {
    List<UpstreamArgument> parsed = new ArrayList<>();
    for (String value : upstreams) {
      UpstreamArgument upstream = UpstreamArgument.parse(value, ownNamespace);
      if (parsed.stream().anyMatch(u -> u.service().equals(upstream.service()))) {
        throw new UserError("--upstream: " + value + " (expected: each service once; "
            + upstream.written() + " is given twice)");
      }
      parsed.add(upstream);
    }
    return parsed;
  }

  private static String hostPort(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }

  private static String label(String option, String value) {
    if (!DNS_LABEL.matcher(value).matches()) {
      throw new UserError(option + ": " + value + " (expected: a DNS label, e.g. catalog)");
    }
    return value;
  }
}
