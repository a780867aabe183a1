package dev.trellis.config;

import java.util.List;

/**
 * The validated {@code spec} of a resource: an immutable record per kind.
 *
 * <p>A spec says which other resources it names, so that the store can refuse dangling
 * references and the control plane can scope a snapshot to what one proxy needs, without
 * knowing each kind's fields.
 */
public interface ResourceSpec {

  /** Every resource this spec refers to, with the field path that names it. */
  default List<Reference> references() {
    return List.of();
  }
}
