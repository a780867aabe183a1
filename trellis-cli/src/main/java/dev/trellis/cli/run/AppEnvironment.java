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
 *   NO_PROXY=                                  cleared, so loopback calls reach the sidecar too
 *   TRELLIS_UPSTREAM_CATALOG=127.0.0.1:41237   one per --upstream
 *   PORT=8082, TRELLIS_APP_PORT=8082           where the application must listen, when known
 *   TRELLIS_SERVICE=catalog, TRELLIS_NAMESPACE=default
 * </pre>
 *
 * <p>Values set here replace inherited ones of the same name.
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
      InetSocketAddress outbound, List<BoundUpstream> upstreams) {
    Map<String, String> env = new LinkedHashMap<>();
    String proxy = "http://" + hostPort(outbound);
    env.put("HTTP_PROXY", proxy);
    env.put("http_proxy", proxy);
    // Many clients skip the proxy for loopback when NO_PROXY says so; the mesh wants every call.
    env.put("NO_PROXY", "");
    env.put("no_proxy", "");
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

  private static String hostPort(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }
}
