package dev.trellis.control.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.json.ApiJson;
import dev.trellis.config.ConfigException;
import dev.trellis.config.ConfigLoader;
import dev.trellis.config.MeshResources;
import dev.trellis.config.Resource;
import dev.trellis.config.ResourceKey;
import dev.trellis.control.registry.Instance;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code <data-dir>/state.json} so that a crash at any moment leaves either the
 * previous state or the new one on disk, never a mix.
 *
 * <p>A write goes to {@code state.json.tmp}, is forced to disk, renamed over {@code state.json}
 * (atomic on POSIX file systems), and the directory is forced so that the rename itself survives
 * a power cut. A leftover temporary file from a crash is ignored and overwritten.
 *
 * <p>Reading re-validates every stored document with {@link ConfigLoader#fromDocument} and the
 * whole set with {@link MeshResources#ensureConsistent()}: a state that no longer passes (an
 * older control plane wrote it, or someone edited it) is refused with every error.
 *
 * <p>Threading: not thread-safe; the store calls it from its single writer thread.
 */
public final class StateFile {
  private final ObjectMapper json = ApiJson.mapper();
  private final Path path;
  private final Path temp;

  public StateFile(Path dataDir) {
    this.path = dataDir.resolve("state.json");
    this.temp = dataDir.resolve("state.json.tmp");
  }

  public Path path() {
    return path;
  }

  public void write(MeshState state) throws IOException {
    byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(toStored(state));
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(path.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  /** The stored state, or an empty one (version 0) when there is no file yet. */
  public MeshState read() throws IOException, ConfigException {
    if (!Files.exists(path)) {
      return MeshState.empty();
    }
    StoredState stored = json.readValue(path.toFile(), StoredState.class);
    List<Resource> resources = new ArrayList<>();
    Map<ResourceKey, Long> versions = new LinkedHashMap<>();
    List<dev.trellis.config.ConfigError> errors = new ArrayList<>();
    for (StoredState.StoredResource entry : stored.resources()) {
      try {
        Resource resource = ConfigLoader.fromDocument(entry.source(), entry.document());
        resources.add(resource);
        versions.put(resource.key(), entry.resourceVersion());
      } catch (ConfigException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    MeshResources mesh = MeshResources.of(resources);
    mesh.ensureConsistent();
    Map<String, Instance> instances = new LinkedHashMap<>();
    for (Instance instance : stored.instances()) {
      instances.put(instance.id(), instance);
    }
    return new MeshState(stored.version(), mesh, versions, instances);
  }

  private static StoredState toStored(MeshState state) {
    List<StoredState.StoredResource> resources = state.resources().all().stream()
        .map(r -> new StoredState.StoredResource(
            r.source(), state.resourceVersions().getOrDefault(r.key(), state.version()), r.document()))
        .toList();
    return new StoredState(state.version(), resources, List.copyOf(state.instances().values()));
  }
}
