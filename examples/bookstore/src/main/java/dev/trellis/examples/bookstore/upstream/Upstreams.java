package dev.trellis.examples.bookstore.upstream;

import java.util.Locale;
import java.util.Map;

/**
 * Decides how a service reaches each of its upstreams, in one place, in this order:
 *
 * <ol>
 *   <li>{@code TRELLIS_UPSTREAM_<SVC>=127.0.0.1:PORT}: the local port that {@code trellis run
 *       --upstream svc:PORT} opened for it, speaking the upstream's protocol;
 *   <li>for HTTP only, {@code HTTP_PROXY} (or {@code http_proxy}): the sidecar as an HTTP proxy;
 *   <li>the direct address flag ({@code --catalog 127.0.0.1:PORT}), to run without the mesh.
 * </ol>
 *
 * <p>{@code <SVC>} is the service name in upper case with {@code -} as {@code _}:
 * {@code catalog-v2} reads {@code TRELLIS_UPSTREAM_CATALOG_V2}. Immutable and thread-safe; the
 * environment is passed in, so tests need not change the real one.
 */
public final class Upstreams {
  private final Map<String, String> environment;

  public Upstreams(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** Reads the process environment. */
  public static Upstreams fromSystemEnvironment() {
    return new Upstreams(System.getenv());
  }

  /**
   * How to reach an HTTP upstream.
   *
   * @param directFlag the value of {@code --<service>}, or null when not given
   * @throws IllegalArgumentException when a value is malformed or nothing names the upstream
   */
  public Upstream http(String service, String directFlag) {
    return http(service, "--" + service, directFlag);
  }

  /**
   * As {@link #http(String, String)}, for a command whose direct address flag is not named
   * after the service (loadgen's {@code --target} for web).
   */
  public Upstream http(String service, String flagName, String directFlag) {
    return resolve(service, flagName, directFlag, true);
  }

  /**
   * How to reach a gRPC upstream. {@code HTTP_PROXY} does not apply: gRPC needs HTTP/2 to the
   * service, which only a dedicated sidecar port or the service itself provides.
   */
  public Upstream grpc(String service, String directFlag) {
    return resolve(service, "--" + service, directFlag, false);
  }

  /** {@code catalog-v2} gives {@code TRELLIS_UPSTREAM_CATALOG_V2}. */
  public static String variableFor(String service) {
    return "TRELLIS_UPSTREAM_" + service.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private Upstream resolve(String service, String flag, String directFlag, boolean httpProxyAllowed) {
    String variable = variableFor(service);
    String sidecarPort = nonBlank(environment.get(variable));
    if (sidecarPort != null) {
      return new Upstream(service, Upstream.Via.SIDECAR_PORT, HostPort.parse(variable, sidecarPort), variable);
    }
    if (httpProxyAllowed) {
      for (String proxyVariable : new String[] {"HTTP_PROXY", "http_proxy"}) {
        String proxy = nonBlank(environment.get(proxyVariable));
        if (proxy != null) {
          return new Upstream(service, Upstream.Via.HTTP_PROXY, HostPort.parse(proxyVariable, proxy), proxyVariable);
        }
      }
    }
    if (nonBlank(directFlag) != null) {
      return new Upstream(service, Upstream.Via.DIRECT, HostPort.parse(flag, directFlag), flag);
    }
    throw new IllegalArgumentException(
        flag + ": (not set) (expected: " + variable + (httpProxyAllowed ? ", HTTP_PROXY" : "")
            + " or " + flag + " HOST:PORT to say where " + service + " is)");
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
