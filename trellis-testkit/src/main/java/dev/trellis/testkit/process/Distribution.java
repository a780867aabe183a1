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
  /** The environment variable whose value {@code ./trellis} adds to the JVM's options. */
  public static final String JAVA_OPTS = "TRELLIS_JAVA_OPTS";

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
    return commandLine(List.of(), args);
  }

  /** The command line that runs {@code trellis args...} in a JVM started with {@code jvmOptions}. */
  public List<String> commandLine(List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add(NATIVE_ACCESS);
    command.addAll(jvmOptions);
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

  /**
   * Starts {@code trellis args...} with {@code env} added to this JVM's environment. As
   * {@code ./trellis} does, {@code TRELLIS_JAVA_OPTS} in {@code env} adds JVM options (split at
   * white space), e.g. {@code -Xmx128m}.
   */
  public TrellisProcess start(Map<String, String> env, String... args) {
    String javaOpts = env.getOrDefault(JAVA_OPTS, "").strip();
    List<String> jvmOptions = javaOpts.isEmpty() ? List.of() : List.of(javaOpts.split("\\s+"));
    return TrellisProcess.start(commandLine(jvmOptions, List.of(args)), env);
  }
}
