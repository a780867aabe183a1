package dev.trellis.config.authz;

import java.util.List;

/**
 * One rule: a request matches when it comes from any of {@code from} and goes to any of
 * {@code to}. An empty list matches everything on its side, so {@code {}} matches every request.
 */
public record AuthorizationRule(List<Source> from, List<Operation> to) {

  public AuthorizationRule {
    from = List.copyOf(from);
    to = List.copyOf(to);
  }

  /**
   * Who is calling; every non-empty list must match.
   *
   * @param identities SPIFFE IDs, exact or as a prefix ending in "*" ({@code spiffe://trellis.local/ns/shop/*})
   * @param namespaces namespaces of the caller's identity
   */
  public record Source(List<String> identities, List<String> namespaces) {
    public Source {
      identities = List.copyOf(identities);
      namespaces = List.copyOf(namespaces);
    }
  }

  /**
   * What is called; every non-empty list must match.
   *
   * @param methods upper-case HTTP methods
   * @param paths   exact paths, or prefixes ending in "*"
   * @param ports   the service ports called
   */
  public record Operation(List<String> methods, List<String> paths, List<Integer> ports) {
    public Operation {
      methods = List.copyOf(methods);
      paths = List.copyOf(paths);
      ports = List.copyOf(ports);
    }
  }
}
