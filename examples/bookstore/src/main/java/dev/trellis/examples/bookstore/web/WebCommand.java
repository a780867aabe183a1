package dev.trellis.examples.bookstore.web;

import dev.trellis.examples.bookstore.launch.RunningService;
import dev.trellis.examples.bookstore.launch.ServiceOptions;
import dev.trellis.examples.bookstore.upstream.Upstream;
import dev.trellis.examples.bookstore.upstream.Upstreams;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code Bookstore web}: runs one web instance until stopped. */
@Command(name = "web", description = "The web front end: the bookstore page from catalog and reviews (HTTP).")
public final class WebCommand implements Callable<Integer> {

  @Mixin
  ServiceOptions service;

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--catalog", paramLabel = "HOST:PORT",
      description = "Catalog's address without the mesh (used when neither TRELLIS_UPSTREAM_CATALOG nor HTTP_PROXY is set).")
  String catalog;

  @Option(names = "--reviews", paramLabel = "HOST:PORT",
      description = "Reviews' gRPC address without the mesh (used when TRELLIS_UPSTREAM_REVIEWS is not set).")
  String reviews;

  @Option(names = "--timeout-ms", defaultValue = "2000", paramLabel = "MS",
      description = "How long a call to catalog or reviews may take (default: ${DEFAULT-VALUE}).")
  long timeoutMillis;

  @Override
  public Integer call() throws Exception {
    Upstreams upstreams = Upstreams.fromSystemEnvironment();
    Upstream catalogUpstream = upstreams.http("catalog", catalog);
    Upstream reviewsUpstream = upstreams.grpc("reviews", reviews);
    String instance = service.instance("web");
    WebService web = WebService.start(new WebService.Config(
        service.port(), instance, catalogUpstream, reviewsUpstream, Duration.ofMillis(timeoutMillis)));
    RunningService.runUntilStopped("web",
        "web instance " + instance + " started; " + catalogUpstream.describe() + "; " + reviewsUpstream.describe(),
        web.port(), web, System.out);
    return 0;
  }
}
