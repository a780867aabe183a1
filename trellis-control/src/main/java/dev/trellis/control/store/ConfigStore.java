package dev.trellis.control.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.resources.Change;
import dev.trellis.api.resources.ChangeResult;
import dev.trellis.api.resources.ResourceList;
import dev.trellis.api.resources.SourceFile;
import dev.trellis.config.ConfigError;
import dev.trellis.config.ConfigLoader;
import dev.trellis.config.LoadResult;
import dev.trellis.config.MeshResources;
import dev.trellis.config.Reference;
import dev.trellis.config.Resource;
import dev.trellis.config.ResourceKey;
import dev.trellis.config.ResourceKind;
import dev.trellis.control.Refused;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Applies, deletes and reads mesh resources on top of the {@link StateStore}.
 *
 * <p>An apply is all or nothing: the files are parsed together with {@link ConfigLoader#loadAll},
 * the valid documents merged into a copy of the current resources and their references checked
 * ({@link MeshResources#danglingReferences}), and only then committed; any error refuses
 * everything with {@link Refused.Reason#INVALID} and every error (parse errors and dangling
 * references alike, by file and line) in {@code file:line: field: value (expected: ...)} form. Parsing runs on the store's
 * writer thread, never on the caller's (an event loop).
 *
 * <p>Thread-safe: reads use the current state; writes go through the store's writer thread.
 */
public final class ConfigStore {
  private final StateStore store;

  public ConfigStore(StateStore store) {
    this.store = store;
  }

  /** Applies every document of {@code text}; on a dry run checks everything and stores nothing. */
  public CompletableFuture<ChangeResult> apply(String source, String text, boolean dryRun) {
    return apply(List.of(new SourceFile(source, text)), dryRun);
  }

  /**
   * Applies every document of every file together; on a dry run checks everything and stores
   * nothing. Errors of all files are reported together, and a resource defined in two files is
   * one of them.
   */
  public CompletableFuture<ChangeResult> apply(List<SourceFile> files, boolean dryRun) {
    List<SourceFile> copy = List.copyOf(files);
    return apply(() -> copy, dryRun);
  }

  /**
   * Like {@link #apply(List, boolean)}, with the files decoded by {@code files} on the writer
   * thread, so that a caller on an event loop never decodes a large body itself. A
   * {@link Refused} thrown by {@code files} fails the returned future as it is.
   */
  public CompletableFuture<ChangeResult> apply(Supplier<List<SourceFile>> files, boolean dryRun) {
    return store.update(state -> applyTo(state, files.get(), dryRun));
  }

  private static StateStore.Outcome<ChangeResult> applyTo(MeshState state, List<SourceFile> files,
      boolean dryRun) {
    LoadResult loaded = ConfigLoader.loadAll(files.stream()
        .map(file -> new ConfigLoader.Text(file.name(), file.content())).toList());
    List<Resource> incoming = loaded.resources();
    MeshResources merged = state.resources().with(keepUnchanged(state.resources(), incoming));
    List<ConfigError> errors = new ArrayList<>(loaded.errors());
    // References of the valid documents are checked even when others failed, so that one answer
    // names every error; a reference to a document that failed is covered by that one's errors.
    errors.addAll(merged.danglingReferences(loaded.failedKeys()));
    if (errors.isEmpty() && incoming.isEmpty() && loaded.failedKeys().isEmpty()) {
      String names = files.stream().map(SourceFile::name).reduce((a, b) -> a + ", " + b).orElse("");
      errors.add(new ConfigError(names, 0, "", "", "at least one document"));
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparing(ConfigError::source).thenComparingInt(ConfigError::line));
      throw refusal(errors);
    }
    List<Change> changes = new ArrayList<>();
    Map<ResourceKey, Long> versions = new HashMap<>(state.resourceVersions());
    for (Resource resource : incoming) {
      Optional<Resource> existing = state.resources().get(resource.key());
      String action = existing.isEmpty() ? Change.CREATED
          : existing.get().document().equals(resource.document()) ? Change.UNCHANGED
          : Change.CONFIGURED;
      changes.add(change(resource.key(), action));
      if (!action.equals(Change.UNCHANGED)) {
        versions.put(resource.key(), state.version() + 1);
      }
    }
    boolean changed = changes.stream().anyMatch(c -> !c.action().equals(Change.UNCHANGED));
    if (dryRun || !changed) {
      return StateStore.Outcome.unchanged(new ChangeResult(state.version(), dryRun, changes));
    }
    return StateStore.Outcome.committed(state.withResources(merged, versions),
        version -> new ChangeResult(version, false, changes));
  }

  /**
   * Deletes one resource; refused with NOT_FOUND when absent and CONFLICT, naming every
   * referrer, while other resources still refer to it.
   */
  public CompletableFuture<ChangeResult> delete(ResourceKey key) {
    return store.update(state -> {
      if (state.resources().get(key).isEmpty()) {
        throw new Refused(Refused.Reason.NOT_FOUND, key + " not found");
      }
      List<String> referrers = new ArrayList<>();
      for (Map.Entry<Resource, Reference> entry : state.resources().referrersOf(key)) {
        if (!entry.getKey().key().equals(key)) {
          referrers.add(entry.getKey().key() + " refers to it at " + entry.getValue().path());
        }
      }
      if (!referrers.isEmpty()) {
        throw new Refused(Refused.Reason.CONFLICT, key + " is still in use", referrers);
      }
      Map<ResourceKey, Long> versions = new HashMap<>(state.resourceVersions());
      versions.remove(key);
      List<Change> changes = List.of(change(key, Change.DELETED));
      return StateStore.Outcome.committed(
          state.withResources(state.resources().without(key), versions),
          version -> new ChangeResult(version, false, changes));
    });
  }

  /** Every stored document of {@code kind}, in {@code namespace} or (null) in all. */
  public ResourceList list(ResourceKind kind, String namespace) {
    MeshState state = store.current();
    List<ObjectNode> items = state.resources().list(kind).stream()
        .filter(r -> namespace == null || !kind.namespaced() || r.key().namespace().equals(namespace))
        .map(r -> withResourceVersion(r, state))
        .toList();
    return new ResourceList(state.version(), items);
  }

  /** One stored document with {@code metadata.resourceVersion}; NOT_FOUND when absent. */
  public ObjectNode get(ResourceKey key) {
    MeshState state = store.current();
    return state.resources().get(key)
        .map(r -> withResourceVersion(r, state))
        .orElseThrow(() -> new Refused(Refused.Reason.NOT_FOUND, key + " not found"));
  }

  /**
   * The incoming resources, except that one whose document equals the stored one is replaced by
   * the stored one, so that re-applying a file (perhaps under another name) changes nothing.
   */
  private static List<Resource> keepUnchanged(MeshResources current, List<Resource> incoming) {
    return incoming.stream()
        .map(r -> current.get(r.key()).filter(old -> old.document().equals(r.document())).orElse(r))
        .toList();
  }

  private static ObjectNode withResourceVersion(Resource resource, MeshState state) {
    ObjectNode document = resource.document().deepCopy();
    long version = state.resourceVersions().getOrDefault(resource.key(), state.version());
    document.withObjectProperty("metadata").put("resourceVersion", Long.toString(version));
    return document;
  }

  private static Change change(ResourceKey key, String action) {
    return new Change(key.kind().kindName(), key.namespace(), key.name(), action);
  }

  private static Refused refusal(List<ConfigError> errors) {
    List<String> details = errors.stream().map(ConfigError::toString).toList();
    return new Refused(Refused.Reason.INVALID, "configuration refused", details);
  }
}
