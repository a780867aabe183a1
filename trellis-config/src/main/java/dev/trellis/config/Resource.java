package dev.trellis.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One validated mesh resource: who it is, its parsed spec, and the document it came from.
 *
 * <p>The document is kept as written (apiVersion, kind, metadata, spec) so that it can be stored,
 * shown back to users and sent to proxies, which parse it with the same {@link ConfigLoader}: one
 * schema and one validator for files, the store and the wire.
 *
 * @param key      kind, namespace and name
 * @param metadata the document's metadata
 * @param spec     the validated spec record for {@code key.kind()}
 * @param document the document as applied, never mutated (callers must not mutate it either)
 * @param source   where it was read from, for error messages
 * @param line     the line its document starts on in {@code source}, or 0
 */
public record Resource(
    ResourceKey key, Metadata metadata, ResourceSpec spec, ObjectNode document,
    String source, int line) {

  public ResourceKind kind() {
    return key.kind();
  }

  /** The spec as the record type of this kind, e.g. {@code resource.spec(HttpRouteSpec.class)}. */
  public <S extends ResourceSpec> S spec(Class<S> type) {
    return type.cast(spec);
  }
}
