package dev.trellis.api.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A listing of stored documents of one kind, each with {@code metadata.resourceVersion} set.
 *
 * @param version the store's version the listing was taken at
 */
public record ResourceList(long version, List<ObjectNode> items) {
  public ResourceList {
    items = List.copyOf(items);
  }
}
