package dev.trellis.config;

import java.util.List;
import java.util.Set;

/**
 * What {@link ConfigLoader#loadAll} found in several texts: the documents that are valid, the keys
 * of those that named themselves but failed, and every error.
 *
 * <p>With the valid resources at hand a caller can still check their references, and report
 * dangling ones together with the parse errors; {@code failedKeys} lets it leave out references
 * to documents that exist but were refused (their own errors say why).
 *
 * @param resources  every valid resource, in text and document order
 * @param failedKeys the kind/namespace/name of every document that had errors, where it named one
 * @param errors     every error, by source (in the order the texts were given) and line
 */
public record LoadResult(List<Resource> resources, Set<ResourceKey> failedKeys,
    List<ConfigError> errors) {

  public LoadResult {
    resources = List.copyOf(resources);
    failedKeys = Set.copyOf(failedKeys);
    errors = List.copyOf(errors);
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }
}
