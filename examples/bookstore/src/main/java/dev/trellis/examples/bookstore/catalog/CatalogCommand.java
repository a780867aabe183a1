package dev.trellis.examples.bookstore.catalog;

import dev.trellis.examples.bookstore.launch.RunningService;
import dev.trellis.examples.bookstore.launch.ServiceOptions;
import dev.trellis.examples.bookstore.upstream.Upstream;
import dev.trellis.examples.bookstore.upstream.Upstreams;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code Bookstore catalog}: runs one catalog instance until stopped. */
@Command(name = "catalog", description = "The catalog: books, each with its stock from inventory (HTTP).")
public final class CatalogCommand implements Callable<Integer> {

  @Mixin
  ServiceOptions service;

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--version", defaultValue = "${env:CATALOG_VERSION:-v1}", paramLabel = "v1|v2",
      description = "Catalog version; v2 adds each book's format (env CATALOG_VERSION; default: ${DEFAULT-VALUE}).")
  String version;

  @Option(names = "--inventory", paramLabel = "HOST:PORT",
      description = "Inventory's address without the mesh (used when neither TRELLIS_UPSTREAM_INVENTORY nor HTTP_PROXY is set).")
  String inventory;

  @Option(names = "--latency-ms", defaultValue = "0", paramLabel = "MS",
      description = "Injected fault: wait this long before answering /books (default: ${DEFAULT-VALUE}).")
  long latencyMillis;

  @Option(names = "--error-rate", defaultValue = "0", paramLabel = "0..1",
      description = "Injected fault: answer this share of /books requests with 500 (default: ${DEFAULT-VALUE}).")
  double errorRate;

  @Option(names = "--timeout-ms", defaultValue = "2000", paramLabel = "MS",
      description = "How long a stock lookup may take (default: ${DEFAULT-VALUE}).")
  long timeoutMillis;

  @Override
  public Integer call() throws Exception {
    Upstream inventoryUpstream = Upstreams.fromSystemEnvironment().http("inventory", inventory);
    FaultInjection faults = new FaultInjection(Duration.ofMillis(latencyMillis), errorRate, Math::random);
    String instance = service.instance("catalog");
    CatalogService.Config config = new CatalogService.Config(
        service.port(), version, instance, inventoryUpstream, faults, Duration.ofMillis(timeoutMillis));
    CatalogService catalog = CatalogService.start(config);
    RunningService.runUntilStopped("catalog",
        "catalog " + version + " instance " + instance + " started; " + inventoryUpstream.describe()
            + "; faults: " + faults.describe(),
        catalog.port(), catalog, System.out);
    return 0;
  }
}
