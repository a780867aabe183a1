package dev.trellis.config;

import java.util.Map;

/** A document's {@code metadata}: its name and namespace, and free-form labels and annotations. */
public record Metadata(
    String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {

  public Metadata {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }
}
