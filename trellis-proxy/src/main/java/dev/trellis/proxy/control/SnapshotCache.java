package dev.trellis.proxy.control;

import dev.trellis.api.json.WireJson;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.proxy.mesh.ServiceKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The last good snapshot of one sidecar on disk, {@code <data-dir>/snapshot-<ns>-<service>.json},
 * so that a sidecar started while the control plane is down still knows the mesh.
 *
 * <p>Writes are atomic: the snapshot goes to a temporary file in the same directory, is forced to
 * disk, renamed over the old one, and the directory is forced too; a crash at any point leaves
 * either the old file or the new one, never a torn one.
 *
 * <p>Threading: one writer at a time (the link writes from a single thread); a read may run
 * alongside a write and sees the old file or the new one. Reading a file that is missing gives
 * empty; one that cannot be read throws.
 */
public final class SnapshotCache {
  private final Path file;

  public SnapshotCache(Path dataDir, ServiceKey service) {
    this.file = dataDir.resolve("snapshot-" + service.namespace() + "-" + service.name() + ".json");
  }

  public Path file() {
    return file;
  }

  /** Replaces the cached snapshot with {@code snapshot}, atomically and durably. */
  public void write(Snapshot snapshot) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    byte[] bytes = WireJson.snapshot(snapshot);
    Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    forceDirectory(dir);
  }

  /** The cached snapshot, or empty when there is none. */
  public Optional<Snapshot> read() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Optional<Snapshot> snapshot = WireJson.readSnapshot(bytes);
    if (snapshot.isEmpty()) {
      throw new IOException(file + ": not a snapshot");
    }
    return snapshot;
  }

  /** Makes the rename durable; some file systems cannot open a directory, which is then skipped. */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not supported here (e.g. some platforms); the rename itself is still atomic.
    }
  }
}
