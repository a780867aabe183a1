package dev.trellis.proxy.mesh;

import java.util.Locale;

/**
 * Host names as the mesh compares them: DNS names are case-insensitive and a trailing dot (the
 * fully qualified form) names the same host, so {@code Catalog.Default.} is {@code catalog.default}.
 */
public final class HostNames {
  private HostNames() {}

  /** {@code host} in lower case without a trailing dot. Null stays null. */
  public static String normalize(String host) {
    if (host == null) {
      return null;
    }
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
