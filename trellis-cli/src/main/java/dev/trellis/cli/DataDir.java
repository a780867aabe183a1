package dev.trellis.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --data-dir} option: where the control plane keeps its state and admin token, and so
 * where the CLI finds the token. Defaults to {@code $TRELLIS_DATA_DIR}, else {@code ~/.trellis}.
 */
public final class DataDir {

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Control plane data directory (default: $TRELLIS_DATA_DIR, else ~/.trellis).")
  Path dataDir;

  public Path path() {
    if (dataDir != null) {
      return dataDir;
    }
    String fromEnv = System.getenv("TRELLIS_DATA_DIR");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    return Path.of(System.getProperty("user.home"), ".trellis");
  }
}
