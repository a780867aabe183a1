package dev.trellis.control.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The admin token in {@code <data-dir>/admin-token}: read when present, otherwise created with 32
 * random bytes, hex-encoded, in a file only its owner may read (0600 from the first byte on,
 * not chmod-ed after).
 *
 * <p>Created atomically: the token goes to a temporary file, is fsynced, and only then appears
 * under its name, so a crash never leaves an empty token file behind (which would stop every
 * later start). The name is published with a hard link, which unlike a rename never replaces an
 * existing file: when two starts race, both end up with the one token that won. Where links are
 * not supported, an atomic rename is used instead.
 */
final class AdminToken {
  private static final String NAME = "admin-token";

  private AdminToken() {}

  static String loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve(NAME);
    if (!Files.exists(file)) {
      String token = HexFormat.of().formatHex(randomBytes(32));
      Path temporary = dataDir.resolve(NAME + "." + HexFormat.of().formatHex(randomBytes(6)) + ".tmp");
      try {
        writeSynced(temporary, token + "\n");
        if (publish(temporary, file)) {
          syncDirectory(dataDir);
          return token;
        }
        // Another start won the race; use its token.
      } finally {
        Files.deleteIfExists(temporary);
      }
    }
    String token = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (token.isEmpty()) {
      throw new IOException(file + ": empty (expected: the admin token; delete the file to make a new one)");
    }
    return token;
  }

  private static void writeSynced(Path path, String text) throws IOException {
    try (FileChannel channel = FileChannel.open(path,
        java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
      ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    }
  }

  /** Gives {@code temporary}'s content the name {@code file}; false when {@code file} exists. */
  private static boolean publish(Path temporary, Path file) throws IOException {
    try {
      Files.createLink(file, temporary);
      return true;
    } catch (FileAlreadyExistsException raced) {
      return false;
    } catch (UnsupportedOperationException noLinks) {
      if (Files.exists(file)) {
        return false;
      }
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      return true;
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot fsync a directory; the file itself is already durable.
    }
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
