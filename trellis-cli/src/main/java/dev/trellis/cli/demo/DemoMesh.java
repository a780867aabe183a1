package dev.trellis.cli.demo;

import dev.trellis.api.resources.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The mesh configuration the demo applies: the files of {@code examples/mesh}, which the build
 * copies into this package's resources ({@code trellis-cli/pom.xml}).
 */
public final class DemoMesh {
  /** Every file of {@code examples/mesh}; a test keeps this list equal to the directory. */
  public static final List<String> FILES = List.of("mesh.yaml", "services.yaml", "policies.yaml", "routes.yaml");

  private DemoMesh() {}

  /** The files, named {@code examples/mesh/<file>} so that errors point at the example. */
  public static List<SourceFile> files() {
    List<SourceFile> files = new ArrayList<>();
    for (String name : FILES) {
      files.add(new SourceFile("examples/mesh/" + name, resource("mesh/" + name)));
    }
    return files;
  }

  private static String resource(String path) {
    try (InputStream in = DemoMesh.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the trellis-cli jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
