package dev.trellis.cli.resources;

import dev.trellis.cli.UserError;
import dev.trellis.config.ResourceKind;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Reads the KIND a user typed: any name, plural or short name of a {@link ResourceKind}. */
final class KindArgument {
  static final String ENDPOINTS = "endpoints";

  private KindArgument() {}

  static ResourceKind parse(String word) {
    return ResourceKind.lookup(word).orElseThrow(() -> new UserError(
        "unknown kind '" + word + "' (expected: one of " + known() + ")"));
  }

  static boolean isEndpoints(String word) {
    return word.equalsIgnoreCase(ENDPOINTS) || word.equalsIgnoreCase("endpoint")
        || word.equalsIgnoreCase("ep");
  }

  static String known() {
    return Arrays.stream(ResourceKind.values()).map(k -> k.names().get(1))
        .collect(Collectors.joining(", ")) + ", " + ENDPOINTS;
  }
}
