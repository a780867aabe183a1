package dev.trellis.api.resources;

/**
 * What a call did (or, on a dry run, would do) to one resource.
 *
 * @param kind      the document kind, e.g. {@code HTTPRoute}
 * @param namespace empty for mesh-wide kinds such as {@code MeshConfig}
 * @param action    {@code created}, {@code configured}, {@code unchanged} or {@code deleted}
 */
public record Change(String kind, String namespace, String name, String action) {
  public static final String CREATED = "created";
  public static final String CONFIGURED = "configured";
  public static final String UNCHANGED = "unchanged";
  public static final String DELETED = "deleted";
}
