package dev.trellis.cli.demo;

import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import dev.trellis.api.resources.Change;
import dev.trellis.api.resources.ChangeResult;
import dev.trellis.cli.UserError;
import dev.trellis.cli.run.DurationConverter;
import dev.trellis.config.ConfigException;
import dev.trellis.control.server.ControlPlane;
import dev.trellis.control.server.ControlPlaneOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code trellis demo}: the bookstore in the mesh, on this machine, in one command.
 *
 * <pre>
 *   control plane (in this JVM, temporary data dir, free port) &lt;- apply examples/mesh
 *   trellis run inventory | reviews | catalog x2 | catalog-v2 | web   (child processes)
 *   trellis run loadgen --upstream web:0                                (once web is ready)
 * </pre>
 *
 * <p>Prints what it started and where to look as it goes. Ctrl-C, SIGTERM or {@code --duration}
 * stops everything: each {@code trellis run} gets SIGTERM (it leaves the mesh and stops its
 * application), whatever is still running after a grace period is killed with its children, the
 * control plane closes and the temporary directory is deleted, so nothing is left running or
 * bound.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Run the bookstore example in the mesh, on this machine.",
        "",
        "A control plane, the configuration of examples/mesh, and web, catalog (two replicas, and"
            + " v2), inventory and reviews each beside its sidecar, with a load generator. Prints"
            + " where to look. Ctrl-C or --duration stops everything.",
        ""})
public final class DemoCommand implements Callable<Integer> {
  private static final Pattern ADMIN = Pattern.compile("(?m)^admin (http://127\\.0\\.0\\.1:\\d+)$");
  private static final Pattern READY = Pattern.compile("(?m)^ready$");
  private static final Pattern LISTENING = Pattern.compile("(?m)^listening on (127\\.0\\.0\\.1:\\d+)$");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Duration LOAD_LIMIT = Duration.ofHours(1);
  /** Whole pages in a row before the demo calls the bookstore up: past the JVMs' cold start. */
  private static final int WARM_PAGES = 20;

  @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop by itself after this long, e.g. 60s or 5m (default: run until Ctrl-C).")
  Duration duration;

  @Option(names = "--rps", paramLabel = "N", defaultValue = "5",
      description = "Requests per second the load generator sends to web (default: ${DEFAULT-VALUE}).")
  int rps;

  @Spec
  CommandSpec spec;

  private final List<ChildProcess> children = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException, IOException {
    if (rps < 1 || rps > 1000) {
      throw new UserError("--rps: " + rps + " (expected: 1..1000)");
    }
    if (duration != null && duration.isZero()) {
      throw new UserError("--duration: 0s (expected: more than 0, or leave it out to run until Ctrl-C)");
    }
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stop = new CountDownLatch(1);
    for (String signal : List.of("INT", "TERM")) {
      Signal.handle(new Signal(signal), ignored -> stop.countDown());
    }
    Path home = Files.createTempDirectory("trellis-demo-");
    Thread lastResort = new Thread(this::killChildren, "trellis-demo-cleanup");
    Runtime.getRuntime().addShutdownHook(lastResort);
    ControlPlane control = null;
    try {
      control = startControlPlane(home.resolve("data"));
      say(out, "control plane  " + control.uri() + "   (data and admin token in " + home.resolve("data") + ")");
      try (ControlClient client = ControlClient.create(control.uri(), control.token())) {
        applyMesh(out, client);
      }
      Map<String, String> environment = Map.of(
          "TRELLIS_CONTROL", control.uri().toString(),
          "TRELLIS_TOKEN", control.token(),
          "TRELLIS_DATA_DIR", home.resolve("data").toString());
      Path logs = Files.createDirectories(home.resolve("logs"));
      DemoLauncher launcher = DemoLauncher.current();
      List<DemoService> services = DemoService.bookstore();
      for (DemoService service : services) {
        children.add(ChildProcess.start(service.name(), launcher.commandLine(service), environment,
            logs.resolve(service.name() + ".log")));
      }
      say(out, "starting " + services.size() + " services, each beside its sidecar (trellis run) ...");
      String webAddress = null;
      String webAdmin = null;
      for (ChildProcess child : List.copyOf(children)) {
        Started started = awaitStarted(child);
        say(out, String.format(Locale.ROOT, "%-11s app %-16s sidecar admin %s/ready   (pid %d, log %s)",
            child.name(), started.app(), started.admin(), child.pid(), child.log()));
        if (child.name().equals("web")) {
          webAddress = started.app();
          webAdmin = started.admin();
        }
      }
      try {
        Duration took = FirstPage.await(webAddress, 1, START_TIMEOUT, System::nanoTime);
        say(out, "web served its first page through the mesh after " + took.toMillis() + "ms");
      } catch (IllegalStateException e) {
        throw new UserError("the demo could not start: " + e.getMessage());
      }
      // The load generator runs for an hour at most (its own limit), and the demo can outlast it;
      // within the demo's own --duration it runs until the demo stops it.
      long seconds = Math.min(LOAD_LIMIT.toSeconds(),
          duration == null ? Long.MAX_VALUE : duration.toSeconds() + 60);
      ChildProcess loadgen = ChildProcess.start("loadgen", launcher.commandLine(DemoService.loadgen(rps, seconds)),
          environment, logs.resolve("loadgen.log"));
      children.add(loadgen);
      Started loadgenStarted = awaitStarted(loadgen);
      say(out, String.format(Locale.ROOT, "%-11s %d requests/s to web through its sidecar   sidecar admin %s/ready   (log %s)",
          "loadgen", rps, loadgenStarted.admin(), loadgen.log()));
      try {
        FirstPage.await(webAddress, WARM_PAGES, START_TIMEOUT, System::nanoTime);
      } catch (IllegalStateException e) {
        throw new UserError("the demo could not start: " + e.getMessage());
      }
      out.println();
      say(out, "the bookstore is up:");
      out.println("  web                 http://" + webAddress + "/   (the page; /api/books as JSON)");
      out.println("  status              trellis status --control " + control.uri() + " --token " + control.token());
      out.println("  admin API           curl -H 'Authorization: Bearer " + control.token() + "' " + control.uri() + "/v1/endpoints");
      out.println("  a sidecar's view    curl " + webAdmin + "/config   (web's sidecar; /ready and /endpoints too)");
      out.println("  logs                " + logs);
      out.println(duration == null ? "Ctrl-C stops everything." : "stopping by itself in " + duration.toSeconds() + "s; Ctrl-C stops it sooner.");
      out.flush();
      runUntilStopped(out, stop);
      say(out, "stopping ...");
    } finally {
      stopChildren();
      if (control != null) {
        control.close();
      }
      deleteTree(home);
      Runtime.getRuntime().removeShutdownHook(lastResort);
    }
    say(out, "stopped: every process ended, the temporary directory is gone.");
    return 0;
  }

  /** Waits for Ctrl-C, SIGTERM or the duration, saying so when a process ends by itself. */
  private void runUntilStopped(PrintWriter out, CountDownLatch stop) throws InterruptedException {
    long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    Set<String> reported = new HashSet<>();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || stop.await(Math.min(TimeUnit.SECONDS.toNanos(1), left), TimeUnit.NANOSECONDS)) {
        return;
      }
      for (ChildProcess child : children) {
        if (!child.isAlive() && reported.add(child.name())) {
          say(out, child.name() + " exited with " + child.exitCode() + "; its output is in " + child.log());
        }
      }
    }
  }

  private record Started(String admin, String app) {}

  private Started awaitStarted(ChildProcess child) throws InterruptedException {
    long timeout = START_TIMEOUT.toNanos();
    try {
      String admin = child.awaitLine(ADMIN, timeout, System::nanoTime).group(1);
      child.awaitLine(READY, timeout, System::nanoTime);
      String app = child.name().equals("loadgen") ? "" : child.awaitLine(LISTENING, timeout, System::nanoTime).group(1);
      return new Started(admin, app);
    } catch (IllegalStateException e) {
      throw new UserError("the demo could not start: " + e.getMessage());
    }
  }

  private static ControlPlane startControlPlane(Path dataDir) throws IOException {
    try {
      return ControlPlane.start(ControlPlaneOptions.defaults(dataDir).withHost("127.0.0.1").withPort(0));
    } catch (ConfigException e) {
      throw new IllegalStateException("a fresh data directory cannot hold invalid state", e);
    }
  }

  private static void applyMesh(PrintWriter out, ControlClient client) {
    ChangeResult result;
    try {
      result = client.apply(DemoMesh.files(), false);
    } catch (ControlApiException e) {
      throw new UserError("the example configuration was refused: " + e.error(), e.details());
    }
    List<String> applied = new ArrayList<>();
    for (Change change : result.changes()) {
      applied.add(change.kind().toLowerCase(Locale.ROOT) + "/" + change.name());
    }
    say(out, "applied examples/mesh (version " + result.version() + "): " + String.join(", ", applied));
  }

  /** SIGTERM to every child, the load generator first; kills what is left after a grace period. */
  private void stopChildren() throws InterruptedException {
    List<ChildProcess> reversed = new ArrayList<>(children);
    java.util.Collections.reverse(reversed);
    for (ChildProcess child : reversed) {
      child.terminate();
    }
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (ChildProcess child : reversed) {
      if (!child.awaitExit(Math.max(0, deadline - System.nanoTime()))) {
        child.kill();
      }
    }
    killChildren();
  }

  /** SIGKILL to every child still running and its descendants; also the shutdown hook's job. */
  private void killChildren() {
    for (ChildProcess child : List.copyOf(children)) {
      child.kill();
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A leftover temporary directory is untidy, not harmful; say nothing more than this.
      System.err.println("trellis demo: could not delete " + root + ": " + e.getMessage());
    }
  }

  private static void say(PrintWriter out, String line) {
    out.println("trellis demo: " + line);
    out.flush();
  }
}
