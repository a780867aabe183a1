package dev.trellis.examples.bookstore.loadgen;

import dev.trellis.examples.bookstore.launch.DurationConverter;
import dev.trellis.examples.bookstore.upstream.Upstream;
import dev.trellis.examples.bookstore.upstream.Upstreams;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code Bookstore loadgen}: a bounded, steady load on web. Exits 0 when the error rate stayed
 * at or below {@code --max-error-rate}, 1 when it went above.
 */
@Command(name = "loadgen", description = "Sends web a steady rate of requests and prints latency and errors.")
public final class LoadgenCommand implements Callable<Integer> {

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--target", paramLabel = "HOST:PORT",
      description = "Web's address without the mesh (used when neither TRELLIS_UPSTREAM_WEB nor HTTP_PROXY is set).")
  String target;

  @Option(names = "--rps", defaultValue = "10", description = "Requests per second (default: ${DEFAULT-VALUE}).")
  double rps;

  @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
      description = "How long to send, e.g. 30s or 2m (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--max-error-rate", defaultValue = "0.01", paramLabel = "0..1",
      description = "Fail (exit 1) when more than this share of requests failed (default: ${DEFAULT-VALUE}).")
  double maxErrorRate;

  @Option(names = "--report-every", defaultValue = "5s", converter = DurationConverter.class,
      description = "How often to print a progress line (default: ${DEFAULT-VALUE}).")
  Duration reportEvery;

  @Option(names = "--timeout", defaultValue = "2s", converter = DurationConverter.class,
      description = "How long one request may take (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--max-in-flight", defaultValue = "100",
      description = "Most requests outstanding at once (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Override
  public Integer call() {
    return run(Upstreams.fromSystemEnvironment(), System.out);
  }

  /** Runs with the flags already parsed; the upstreams are given so tests choose the environment. */
  int run(Upstreams upstreams, PrintStream out) {
    Upstream web = upstreams.http("web", "--target", target);
    LoadGenerator.Config config = new LoadGenerator.Config(web, rps, duration, maxErrorRate, reportEvery, timeout, maxInFlight);
    out.println("loadgen: " + config.totalRequests() + " requests at " + rps + "/s over " + duration.toSeconds()
        + "s to " + web.describe());
    LoadGenerator.Summary summary = new LoadGenerator(config, System::nanoTime).run(out);
    return summary.errorRate() <= maxErrorRate ? 0 : 1;
  }
}
