package dev.trellis.config;

import java.util.Comparator;
import java.util.Objects;

/**
 * Names one resource in the mesh: its kind, namespace and name.
 *
 * <p>Cluster-wide kinds ({@link ResourceKind#namespaced()} false) carry an empty namespace.
 * Printed as {@code HTTPRoute default/catalog-split}.
 */
public record ResourceKey(ResourceKind kind, String namespace, String name)
    implements Comparable<ResourceKey> {

  /** The namespace a resource lands in when its document names none. */
  public static final String DEFAULT_NAMESPACE = "default";

  private static final Comparator<ResourceKey> ORDER = Comparator
      .comparing(ResourceKey::kind)
      .thenComparing(ResourceKey::namespace)
      .thenComparing(ResourceKey::name);

  public ResourceKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    if (!kind.namespaced()) {
      namespace = "";
    }
  }

  @Override
  public int compareTo(ResourceKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return kind.kindName() + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }
}
