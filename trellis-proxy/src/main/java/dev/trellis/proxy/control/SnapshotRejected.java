package dev.trellis.proxy.control;

import java.util.List;

/**
 * A snapshot the proxy refuses to run: one line per problem, each naming the snapshot version,
 * the document (or endpoint list) and the field, e.g.
 * {@code snapshot 42 Service default/catalog: spec.ports[0].port: 0 (expected: 1..65535)}.
 *
 * <p>The message (all problems joined by {@code "; "}) is what the nack carries.
 */
public final class SnapshotRejected extends Exception {
  private final List<String> problems;

  public SnapshotRejected(List<String> problems) {
    super(String.join("; ", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a rejected snapshot needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in document order. */
  public List<String> problems() {
    return problems;
  }
}
