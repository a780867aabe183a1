package dev.trellis.control.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks an {@code Authorization: Bearer <token>} header against the admin token, in time that
 * does not depend on how much of the token matched. Immutable, thread-safe.
 */
public final class BearerAuth {
  private static final String PREFIX = "Bearer ";
  private final byte[] expected;

  public BearerAuth(String token) {
    this.expected = token.getBytes(StandardCharsets.UTF_8);
  }

  /** True when {@code header} (null when absent) carries exactly the admin token. */
  public boolean allows(String header) {
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    byte[] presented = header.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, presented);
  }
}
