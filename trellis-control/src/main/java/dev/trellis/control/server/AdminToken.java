package dev.trellis.control.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The admin token in {@code <data-dir>/admin-token}: read when present, otherwise created with 32
 * random bytes, hex-encoded, in a file only its owner may read (0600 from the first byte on,
 * not chmod-ed after).
 */
final class AdminToken {
  private AdminToken() {}

  static String loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve("admin-token");
    if (!Files.exists(file)) {
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      String token = HexFormat.of().formatHex(bytes);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
        return token;
      } catch (FileAlreadyExistsException raced) {
        // Another start won the race; use its token.
      }
    }
    String token = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (token.isEmpty()) {
      throw new IOException(file + ": empty (expected: the admin token; delete the file to make a new one)");
    }
    return token;
  }
}
