package dev.trellis.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.config.internal.NodeJson;
import dev.trellis.config.internal.Problems;
import dev.trellis.config.internal.TreeParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 *       kind/namespace/name in one text (or, for {@link #loadAll}, in any of the texts) are
 *       errors.</li>
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
    LoadResult result = loadAll(List.of(new Text(source, text)));
    if (result.hasErrors()) {
      throw new ConfigException(result.errors());
    }
    return result.resources();
  }

  /** One configuration text and how the user knows it (a file name, usually). */
  public record Text(String source, String text) {}

  /**
   * Parses and validates every document of every text, as one set: a kind/namespace/name defined
   * twice, in one text or in two, is an error. Never throws for bad configuration; what is valid
   * and what is wrong both come back, so that the caller can go on checking the valid part
   * (references between documents) and report everything at once.
   */
  public static LoadResult loadAll(List<Text> texts) {
    List<Resource> resources = new ArrayList<>();
    Set<ResourceKey> failedKeys = new HashSet<>();
    List<ConfigError> errors = new ArrayList<>();
    Map<ResourceKey, Resource> firstByKey = new HashMap<>();
    for (Text text : texts) {
      Problems problems = new Problems(text.source());
      for (TreeParser.Document document : TreeParser.parse(text.text(), problems)) {
        int errorsBefore = problems.count();
        Optional<Resource> bound = DocumentBinder.bind(document.root(), problems);
        if (bound.isEmpty()) {
          continue;
        }
        Resource resource = bound.get();
        if (problems.count() > errorsBefore) {
          failedKeys.add(resource.key());
          continue;
        }
        Resource earlier = firstByKey.putIfAbsent(resource.key(), resource);
        if (earlier != null) {
          problems.add(resource.line(), "metadata.name", resource.key().name(),
              nameNotTaken(resource, earlier));
          continue;
        }
        resources.add(resource);
      }
      errors.addAll(problems.errors());
    }
    return new LoadResult(resources, failedKeys, errors);
  }

  /** The one message for a resource defined twice in what is loaded together. */
  private static String nameNotTaken(Resource resource, Resource earlier) {
    String where = earlier.source().equals(resource.source())
        ? "line " + earlier.line()
        : earlier.source() + (earlier.line() > 0 ? ":" + earlier.line() : "");
    String scope = resource.key().namespace().isEmpty() ? "the mesh"
        : "namespace " + resource.key().namespace();
    return "a name no other " + resource.kind().kindName() + " in " + scope
        + " has in what is applied together (the document at " + where + " has it)";
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
