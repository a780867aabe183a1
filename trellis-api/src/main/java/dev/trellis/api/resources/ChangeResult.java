package dev.trellis.api.resources;

import java.util.List;

/**
 * The answer to an apply or a delete.
 *
 * @param version the store's version after the call; on a dry run, or when nothing changed, the
 *                version the call left untouched
 * @param dryRun  true when nothing was stored
 * @param changes one entry per resource the call named, in the order of the documents
 */
public record ChangeResult(long version, boolean dryRun, List<Change> changes) {
  public ChangeResult {
    changes = List.copyOf(changes);
  }
}
