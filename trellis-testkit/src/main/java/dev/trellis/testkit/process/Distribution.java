package dev.trellis.testkit.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The built Trellis distribution ({@code trellis-cli/target/dist}), run as real processes.
 *
 * <p>End-to-end tests ({@code *IT}) use it as a user would use {@code ./trellis}, without the
 * launcher's rebuild check: the build has just produced the distribution. Its location comes from
 * the {@code trellis.dist} system property that failsafe sets.
 *
 * <pre>{@code
 * Distribution dist = Distribution.fromSystemProperty();
 * CommandResult result = dist.run("get", "services", "-o", "json");
 * try (TrellisProcess control = dist.start("control", "--data-dir", dir.toString())) { ... }
 * }</pre>
 */
public final class Distribution {
  /** As ./trellis runs it: Netty's native transport loads without a warning. */
  public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

  private final Path home;
  private final Path java;

  public Distribution(Path home) {
    if (!Files.isDirectory(home.resolve("lib"))) {
      throw new IllegalStateException("no distribution at " + home + " (run ./mvnw package first)");
    }
    this.home = home;
    this.java = Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** The distribution named by the {@code trellis.dist} system property. */
  public static Distribution fromSystemProperty() {
    String dist = System.getProperty("trellis.dist");
    if (dist == null) {
      throw new IllegalStateException("system property trellis.dist is not set (set by failsafe)");
    }
    return new Distribution(Path.of(dist));
  }

  public Path home() {
    return home;
  }

  /** The full command line that runs {@code trellis args...}. */
  public List<String> commandLine(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add(NATIVE_ACCESS);
    command.add("-cp");
    command.add(home.resolve("lib") + "/*");
    command.add("dev.trellis.cli.TrellisCli");
    command.addAll(args);
    return command;
  }

  /** Runs {@code trellis args...} to completion (at most a minute) and returns what it did. */
  public CommandResult run(String... args) {
    return run(Map.of(), Duration.ofMinutes(1), args);
  }

  public CommandResult run(Map<String, String> env, Duration timeout, String... args) {
    try (TrellisProcess process = start(env, args)) {
      int exitCode = process.waitFor(timeout);
      return new CommandResult(List.of(args), exitCode, process.stdout(), process.stderr());
    }
  }

  /** Starts {@code trellis args...} in the background; close the result to stop it. */
  public TrellisProcess start(String... args) {
    return start(Map.of(), args);
  }

  public TrellisProcess start(Map<String, String> env, String... args) {
    return TrellisProcess.start(commandLine(List.of(args)), env);
  }
}
