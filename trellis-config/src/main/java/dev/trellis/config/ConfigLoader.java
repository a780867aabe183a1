package dev.trellis.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.config.internal.NodeJson;
import dev.trellis.config.internal.Problems;
import dev.trellis.config.internal.TreeParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses configuration text into validated {@link Resource}s: the one door through which every
 * document enters Trellis (files on apply, the store's data directory on start, snapshots on the
 * proxy).
 *
 * <p>Contract:
 * <ul>
 *   <li>Text is YAML (several documents separated by {@code ---}) or JSON (one document or an
 *       array of them). Empty documents are skipped.</li>
 *   <li>Every document is checked in full and every error is reported, each with the source,
 *       line, field path, value and expectation ({@link ConfigError}). Unknown fields, a wrong
 *       {@code apiVersion} for the {@code kind}, duplicate keys, and two documents with the same
 *       kind/namespace/name in one text are errors.</li>
 *   <li>References between documents are <em>not</em> checked here (they may point at resources
 *       already stored); {@link MeshResources#ensureConsistent()} does that.</li>
 *   <li>Defaults live in the spec records; {@link Resource#document()} is the document as
 *       written, minus {@code status} and the metadata the store sets ({@code resourceVersion},
 *       {@code generation}, {@code uid}, {@code creationTimestamp}), which are accepted so that
 *       what {@code get -o yaml} prints can be applied back.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * Parses and validates all documents in {@code text}.
   *
   * @param source how the user knows the text, e.g. {@code mesh/routes.yaml}; starts every error
   * @throws ConfigException with every error found, when any document is invalid
   */
  public static List<Resource> load(String source, String text) throws ConfigException {
    Problems problems = new Problems(source);
    List<Resource> resources = new ArrayList<>();
    Map<ResourceKey, Resource> firstByKey = new HashMap<>();
    for (TreeParser.Document document : TreeParser.parse(text, problems)) {
      Optional<Resource> resource = DocumentBinder.bind(document.root(), problems);
      if (resource.isEmpty()) {
        continue;
      }
      Resource earlier = firstByKey.putIfAbsent(resource.get().key(), resource.get());
      if (earlier != null) {
        problems.add(resource.get().line(), "metadata.name", resource.get().key().name(),
            "a name no other " + resource.get().kind().kindName() + " in "
                + resource.get().key().namespace().transform(ns -> ns.isEmpty() ? "the mesh"
                    : "namespace " + ns)
                + " has in this text (the document at line " + earlier.line() + " has it)");
      }
      resources.add(resource.get());
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems.errors());
    }
    return List.copyOf(resources);
  }

  /**
   * Validates one document already parsed into a tree (from the store or the wire). Errors carry
   * {@code source} and no line.
   */
  public static Resource fromDocument(String source, JsonNode document) throws ConfigException {
    Problems problems = new Problems(source);
    Optional<Resource> resource = DocumentBinder.bind(NodeJson.fromJson(document), problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems.errors());
    }
    return resource.orElseThrow(() -> new IllegalStateException("no resource and no error"));
  }
}
