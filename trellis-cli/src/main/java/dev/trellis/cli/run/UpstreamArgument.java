package dev.trellis.cli.run;

import dev.trellis.cli.UserError;
import dev.trellis.proxy.mesh.ServiceKey;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code --upstream SERVICE:LOCALPORT} of {@code trellis run}: the service the application
 * calls and the local port the sidecar opens for it (0: any free port).
 *
 * @param written the service as the user wrote it ({@code catalog} or {@code catalog.shop}); it
 *     names the environment variable the application reads
 * @param service the service it resolves to
 * @param localPort the port to bind on 127.0.0.1, 0 for a free one
 */
public record UpstreamArgument(String written, ServiceKey service, int localPort) {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /**
   * Parses {@code value}; a name without a namespace is in {@code ownNamespace}.
   *
   * @throws UserError naming the option, the value and what was expected
   */
  public static UpstreamArgument parse(String value, String ownNamespace) {
    int colon = value.lastIndexOf(':');
    String name = colon < 0 ? "" : value.substring(0, colon);
    int dot = name.indexOf('.');
    String service = dot < 0 ? name : name.substring(0, dot);
    String namespace = dot < 0 ? ownNamespace : name.substring(dot + 1);
    if (colon < 0 || !DNS_LABEL.matcher(service).matches() || !DNS_LABEL.matcher(namespace).matches()) {
      throw new UserError("--upstream: " + value
          + " (expected: SERVICE:LOCALPORT, SERVICE a name or name.namespace, e.g. catalog:9001)");
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new UserError("--upstream: " + value + " (expected: a port 0..65535 after the colon)");
    }
    return new UpstreamArgument(name, new ServiceKey(namespace, service), port);
  }

  /**
   * The variable that tells the application where this upstream's local port is:
   * {@code TRELLIS_UPSTREAM_} and the service as written, upper case, {@code -} and {@code .} as
   * {@code _} ({@code catalog-v2} gives {@code TRELLIS_UPSTREAM_CATALOG_V2}).
   */
  public String environmentVariable() {
    return "TRELLIS_UPSTREAM_" + written.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }
}
