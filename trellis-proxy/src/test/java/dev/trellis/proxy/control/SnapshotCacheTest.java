package dev.trellis.proxy.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.registry.Health;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.proxy.mesh.ServiceKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotCacheTest {
  @TempDir Path dataDir;

  private final ServiceKey web = new ServiceKey("shop", "web");

  private static Snapshot snapshot(long version, int port) {
    return new Snapshot(version, MeshDocs.documents(MeshDocs.service("catalog", 8080, "grpc")),
        Map.of("default/catalog", List.of(
            new Endpoint("catalog-1", "127.0.0.1", port, Map.of("a", "b"), "z", Health.HEALTHY, null, null))));
  }

  @Test
  void aWrittenSnapshotReadsBackEqualAndReplacesTheOldOneLeavingNoTemporaryFiles() throws Exception {
    SnapshotCache cache = new SnapshotCache(dataDir.resolve("nested"), web);
    cache.write(snapshot(1, 9001));
    cache.write(snapshot(2, 9002));

    assertThat(cache.file().getFileName().toString()).isEqualTo("snapshot-shop-web.json");
    assertThat(cache.read()).contains(snapshot(2, 9002));
    try (Stream<Path> files = Files.list(dataDir.resolve("nested"))) {
      assertThat(files).containsExactly(cache.file());
    }
  }

  @Test
  void noFileMeansNoSnapshotAndAGarbledOneIsAnError() throws Exception {
    SnapshotCache cache = new SnapshotCache(dataDir, web);
    assertThat(cache.read()).isEmpty();

    Files.writeString(cache.file(), "{\"type\":\"snapshot\",\"version\":");
    assertThatThrownBy(cache::read).isInstanceOf(IOException.class);

    Files.writeString(cache.file(), "{\"type\":\"ack\",\"version\":3}");
    assertThatThrownBy(cache::read).isInstanceOf(IOException.class).hasMessageContaining("not a snapshot");
  }
}
