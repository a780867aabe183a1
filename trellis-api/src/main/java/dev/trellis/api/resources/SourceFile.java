package dev.trellis.api.resources;

import java.util.Objects;

/**
 * One configuration file sent with an apply: its name, which starts every error about it, and its
 * text (YAML or JSON, possibly several documents).
 */
public record SourceFile(String name, String content) {
  public SourceFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
  }
}
