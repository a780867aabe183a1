package dev.trellis.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code trellis control} process on a free port, and the CLI pointed at it.
 *
 * <pre>{@code
 * try (ControlPlaneProcess control = ControlPlaneProcess.start(dist, dataDir)) {
 *   CommandResult result = control.cli("get", "services");
 * }
 * }</pre>
 */
public final class ControlPlaneProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://[0-9.]+:\\d+)");

  private final Distribution dist;
  private final Path dataDir;
  private final TrellisProcess process;
  private final String url;

  private ControlPlaneProcess(Distribution dist, Path dataDir, TrellisProcess process, String url) {
    this.dist = dist;
    this.dataDir = dataDir;
    this.process = process;
    this.url = url;
  }

  /** Starts a control plane keeping its state in {@code dataDir}, and waits until it listens. */
  public static ControlPlaneProcess start(Distribution dist, Path dataDir) {
    TrellisProcess process = dist.start("control", "--data-dir", dataDir.toString(),
        "--listen", "127.0.0.1:0");
    try {
      String url = process.awaitOutput(LISTENING, Duration.ofSeconds(30)).group(1);
      return new ControlPlaneProcess(dist, dataDir, process, url);
    } catch (AssertionError e) {
      process.close();
      throw e;
    }
  }

  /** The admin API's base URL, e.g. {@code http://127.0.0.1:40123}. */
  public String url() {
    return url;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The admin token the control plane wrote on first start. */
  public String token() {
    try {
      return Files.readString(dataDir.resolve("admin-token")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public TrellisProcess process() {
    return process;
  }

  /** Runs {@code trellis args... --control URL --data-dir DIR} to completion. */
  public CommandResult cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--control", url, "--data-dir", dataDir.toString()));
    return dist.run(all.toArray(String[]::new));
  }

  /** Stops it with SIGKILL: no shutdown hook runs, nothing is flushed. */
  public void kill() {
    process.kill();
    process.waitFor(Duration.ofSeconds(10));
  }

  /** Stops it with SIGTERM, as Ctrl-C would, and waits for it to exit. */
  @Override
  public void close() {
    process.close();
  }
}
