package dev.trellis.cli.run;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The environment {@code trellis run} adds to the application's, telling it where the mesh is:
 *
 * <pre>
 *   HTTP_PROXY=http://127.0.0.1:41236          the sidecar's outbound listener (also http_proxy)
 *   NO_PROXY=localhost,127.0.0.1,::1           added to any inherited value (also no_proxy)
 *   TRELLIS_UPSTREAM_CATALOG=127.0.0.1:41237   one per --upstream
 *   PORT=8082, TRELLIS_APP_PORT=8082           where the application must listen, when known
 *   TRELLIS_SERVICE=catalog, TRELLIS_NAMESPACE=default
 * </pre>
 *
 * <p>Clients that honour {@code HTTP_PROXY} (curl, Python, Go) then send calls by service name
 * through the sidecar, and calls to loopback, the upstream ports among them, straight there:
 * proxied, {@code GET http://127.0.0.1:41237/} would reach the sidecar as a request for a
 * service named {@code 127.0.0.1}.
 *
 * <p>Values set here replace inherited ones of the same name, except {@code NO_PROXY}, which is
 * extended.
 */
public final class AppEnvironment {
  private AppEnvironment() {}

  /** One upstream as bound: what the user asked for and where the sidecar listens for it. */
  public record BoundUpstream(UpstreamArgument argument, InetSocketAddress address) {}

  /**
   * The variables to set.
   *
   * @param appPort the application's port, empty when it serves nothing (a job or a client)
   */
  public static Map<String, String> of(String service, String namespace, OptionalInt appPort,
      InetSocketAddress outbound, List<BoundUpstream> upstreams, Map<String, String> inherited) {
    Map<String, String> env = new LinkedHashMap<>();
    String proxy = "http://" + hostPort(outbound);
    env.put("HTTP_PROXY", proxy);
    env.put("http_proxy", proxy);
    String noProxy = noProxy(inherited.getOrDefault("NO_PROXY", inherited.getOrDefault("no_proxy", "")));
    env.put("NO_PROXY", noProxy);
    env.put("no_proxy", noProxy);
    for (BoundUpstream upstream : upstreams) {
      env.put(upstream.argument().environmentVariable(), hostPort(upstream.address()));
    }
    appPort.ifPresent(port -> {
      env.put("PORT", Integer.toString(port));
      env.put("TRELLIS_APP_PORT", Integer.toString(port));
    });
    env.put("TRELLIS_SERVICE", service);
    env.put("TRELLIS_NAMESPACE", namespace);
    return env;
  }

  private static String noProxy(String inherited) {
    String loopback = "localhost,127.0.0.1,::1";
    return inherited.isBlank() ? loopback : inherited + "," + loopback;
  }

  private static String hostPort(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }
}
