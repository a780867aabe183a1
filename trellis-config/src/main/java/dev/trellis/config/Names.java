package dev.trellis.config;

import dev.trellis.config.internal.Format;

/**
 * The naming rules of mesh resources, for code outside this module that takes names from
 * elsewhere (a registration, a request path) and must hold them to the same rules as documents.
 *
 * <p>Stateless and thread-safe.
 */
public final class Names {
  private Names() {}

  /** True when {@code name} is an RFC 1123 DNS label, as namespaces and Service names must be. */
  public static boolean isDnsLabel(String name) {
    return Format.DNS_LABEL.accepts().test(name);
  }

  /** What {@link #isDnsLabel} accepts, in the words errors use after {@code expected:}. */
  public static String dnsLabelExpected() {
    return Format.DNS_LABEL.expected();
  }
}
