package dev.trellis.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable, ordered set of mesh resources, and the checks that tie them together.
 *
 * <p>The store keeps one of these per version and swaps it whole; a change is computed on a copy
 * ({@link #with}, {@link #without}) and published only once {@link #ensureConsistent()} passes, so
 * nothing half-applies and no published version names a resource that does not exist.
 */
public final class MeshResources {
  private static final MeshResources EMPTY = new MeshResources(new TreeMap<>());

  private final NavigableMap<ResourceKey, Resource> byKey;

  private MeshResources(NavigableMap<ResourceKey, Resource> byKey) {
    this.byKey = Collections.unmodifiableNavigableMap(byKey);
  }

  public static MeshResources empty() {
    return EMPTY;
  }

  public static MeshResources of(Collection<Resource> resources) {
    return EMPTY.with(resources);
  }

  public Optional<Resource> get(ResourceKey key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** All resources, ordered by kind, namespace and name. */
  public List<Resource> all() {
    return List.copyOf(byKey.values());
  }

  /** All resources of one kind, ordered by namespace and name. */
  public List<Resource> list(ResourceKind kind) {
    return byKey.values().stream().filter(r -> r.kind() == kind).toList();
  }

  public int size() {
    return byKey.size();
  }

  /** A copy in which each of {@code upserts} replaces any resource of the same key. */
  public MeshResources with(Collection<Resource> upserts) {
    NavigableMap<ResourceKey, Resource> copy = new TreeMap<>(byKey);
    for (Resource resource : upserts) {
      copy.put(resource.key(), resource);
    }
    return new MeshResources(copy);
  }

  /** A copy without {@code key}; the same set when it is absent. */
  public MeshResources without(ResourceKey key) {
    if (!byKey.containsKey(key)) {
      return this;
    }
    NavigableMap<ResourceKey, Resource> copy = new TreeMap<>(byKey);
    copy.remove(key);
    return new MeshResources(copy);
  }

  /** Every resource that names {@code target}, with the reference that does. */
  public List<Map.Entry<Resource, Reference>> referrersOf(ResourceKey target) {
    List<Map.Entry<Resource, Reference>> referrers = new ArrayList<>();
    for (Resource resource : byKey.values()) {
      for (Reference reference : resource.spec().references()) {
        if (reference.target().equals(target)) {
          referrers.add(Map.entry(resource, reference));
        }
      }
    }
    return referrers;
  }

  /** One error per reference that names a resource not in this set. */
  public List<ConfigError> danglingReferences() {
    return danglingReferences(java.util.Set.of());
  }

  /**
   * One error per reference that names a resource neither in this set nor in {@code excused}:
   * the keys of documents refused for their own errors, whose referrers need no second error.
   */
  public List<ConfigError> danglingReferences(java.util.Set<ResourceKey> excused) {
    List<ConfigError> errors = new ArrayList<>();
    for (Resource resource : byKey.values()) {
      for (Reference reference : resource.spec().references()) {
        if (!byKey.containsKey(reference.target()) && !excused.contains(reference.target())) {
          errors.add(new ConfigError(resource.source(), reference.line(), reference.path(),
              reference.target().name(), "an existing " + reference.target()));
        }
      }
    }
    return errors;
  }

  /** Throws with every dangling reference when there is any. */
  public void ensureConsistent() throws ConfigException {
    List<ConfigError> errors = danglingReferences();
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MeshResources that && byKey.equals(that.byKey);
  }

  @Override
  public int hashCode() {
    return byKey.hashCode();
  }
}
