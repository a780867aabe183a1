package dev.trellis.cli.demo;

import java.util.List;

/**
 * One process the demo starts under {@code trellis run}: a bookstore service and its sidecar.
 *
 * @param name what the demo calls it in its output and log file name ({@code catalog-2})
 * @param service the mesh service it is an instance of
 * @param serves whether the application listens (and so gets {@code --port 0})
 * @param upstreams the services it calls, each through a local upstream port
 * @param labels instance labels, {@code key=value}
 * @param bookstoreArgs the bookstore subcommand and its flags
 */
public record DemoService(String name, String service, boolean serves, List<String> upstreams,
    List<String> labels, List<String> bookstoreArgs) {

  public DemoService {
    upstreams = List.copyOf(upstreams);
    labels = List.copyOf(labels);
    bookstoreArgs = List.copyOf(bookstoreArgs);
  }

  /**
   * The bookstore as the demo runs it: web calls catalog (two v1 replicas, and v2 through the
   * route's split) and reviews over gRPC; catalog calls inventory.
   */
  public static List<DemoService> bookstore() {
    return List.of(
        new DemoService("inventory", "inventory", true, List.of(), List.of(), List.of("inventory")),
        new DemoService("reviews", "reviews", true, List.of(), List.of(), List.of("reviews")),
        catalog("catalog-1", "catalog", "v1"),
        catalog("catalog-2", "catalog", "v1"),
        catalog("catalog-v2", "catalog-v2", "v2"),
        new DemoService("web", "web", true, List.of("catalog", "reviews"), List.of(), List.of("web")));
  }

  /** The load generator: calls web through its sidecar for {@code seconds}. */
  public static DemoService loadgen(int rps, long seconds) {
    return new DemoService("loadgen", "loadgen", false, List.of("web"), List.of(),
        List.of("loadgen", "--rps", Integer.toString(rps), "--duration", seconds + "s",
            "--max-error-rate", "1"));
  }

  private static DemoService catalog(String name, String service, String version) {
    return new DemoService(name, service, true, List.of("inventory"), List.of("version=" + version),
        List.of("catalog", "--version", version, "--instance", name));
  }
}
