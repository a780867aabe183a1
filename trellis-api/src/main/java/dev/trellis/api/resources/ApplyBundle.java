package dev.trellis.api.resources;

import java.util.List;

/**
 * The body of an apply of several files at once ({@value #MEDIA_TYPE}): they are applied together,
 * all or nothing, and may refer to each other.
 */
public record ApplyBundle(List<SourceFile> files) {
  public static final String MEDIA_TYPE = "application/vnd.trellis.files+json";

  public ApplyBundle {
    files = List.copyOf(files);
  }
}
