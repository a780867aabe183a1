package dev.trellis.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.resources.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The demo applies examples/mesh as it is in the repository, every file of it. */
class DemoMeshTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "mesh");

  @Test
  void shipsEveryFileOfTheExampleUnchanged() throws IOException {
    List<String> inRepository;
    try (Stream<Path> files = Files.list(EXAMPLE)) {
      inRepository = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
    }
    assertThat(DemoMesh.FILES).containsExactlyInAnyOrderElementsOf(inRepository);
    for (SourceFile file : DemoMesh.files()) {
      String name = file.name().substring("examples/mesh/".length());
      assertThat(file.content()).as(name).isEqualTo(Files.readString(EXAMPLE.resolve(name)));
    }
  }
}
