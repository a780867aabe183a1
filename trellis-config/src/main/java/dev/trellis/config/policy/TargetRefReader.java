package dev.trellis.config.policy;

import dev.trellis.config.Reference;
import dev.trellis.config.ResourceKey;
import dev.trellis.config.ResourceKind;
import dev.trellis.config.internal.FieldReader;
import dev.trellis.config.internal.Format;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a policy's {@code targetRef} and the TARGET reference it makes. Policies attach only
 * within their namespace, so a target has no namespace field. Stateless.
 */
public final class TargetRefReader {
  private static final Map<ResourceKind, Set<String>> GROUPS = Map.of(
      ResourceKind.SERVICE, Set.of("", "core", "trellis.dev"),
      ResourceKind.HTTP_ROUTE, Set.of("gateway.networking.k8s.io"),
      ResourceKind.GRPC_ROUTE, Set.of("gateway.networking.k8s.io"));

  private TargetRefReader() {}

  /**
   * The target under {@code ref}, one of {@code kinds} (in the order the expectation lists
   * them); adds its reference, resolved in {@code namespace}, to {@code references}.
   */
  public static Optional<TargetRef> read(FieldReader ref, List<ResourceKind> kinds,
      String namespace, List<Reference> references) {
    Format kindFormat = Format.oneOf(kinds.stream().map(ResourceKind::kindName).toList());
    String kindName = ref.requiredString("kind", kindFormat);
    Optional<ResourceKind> kind = ResourceKind.ofKindName(kindName).filter(kinds::contains);
    String group = "";
    if (kind.isPresent()) {
      Set<String> groups = GROUPS.get(kind.get());
      String defaultGroup = kind.get() == ResourceKind.SERVICE ? "" : kind.get().group();
      group = ref.optionalString("group", new Format(
          String.join(" or ", groups.stream().sorted().map(g -> g.isEmpty() ? "\"\"" : g).toList())
              + " for kind " + kindName, groups::contains), defaultGroup);
    } else {
      ref.ignore("group");
    }
    String name = ref.requiredString("name", kind.orElse(null) == ResourceKind.SERVICE
        ? Format.DNS_LABEL : Format.DNS_SUBDOMAIN);
    ref.value("namespace").ifPresent(v -> v.reject(
        "no namespace: a policy applies only within its own namespace (" + namespace + ")"));
    ref.finish();
    if (kind.isEmpty() || name.isEmpty()) {
      return Optional.empty();
    }
    references.add(new Reference(ref.path(), ref.line(),
        new ResourceKey(kind.get(), namespace, name), Reference.Role.TARGET));
    return Optional.of(new TargetRef(group, kind.get(), name));
  }
}
