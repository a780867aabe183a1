package dev.trellis.testkit.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The built Trellis distribution ({@code trellis-cli/target/dist}), run as real processes.
 *
 * <p>End-to-end tests ({@code *IT}) use it as a user would use {@code ./trellis}, without the
 * launcher's rebuild check: the build has just produced the distribution. Its location comes from
 * the {@code trellis.dist} system property that failsafe sets. Every process gets the JVM options
 * that {@code ./trellis} gives the same command (the rules of {@code bin/jvm-options.sh}): the
 * options file of its role, {@code conf/<role>.jvm-options}, and the role's class-data archive,
 * so that a sidecar under test has the heap a user's sidecar has.
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
  /** The first four bytes of a dynamic class-data archive (HotSpot's CDS_DYNAMIC_ARCHIVE_MAGIC). */
  private static final int DYNAMIC_ARCHIVE_MAGIC = 0xf00baba8;
  /** The environment variable whose value {@code ./trellis} adds to the JVM's options. */
  public static final String JAVA_OPTS = "TRELLIS_JAVA_OPTS";

  private final Path home;
  private final Path java;
  private final int javaFeatureVersion;
  private final String javaRuntimeVersion;

  public Distribution(Path home) {
    if (!Files.isDirectory(home.resolve("lib"))) {
      throw new IllegalStateException("no distribution at " + home + " (run ./mvnw package first)");
    }
    this.home = home;
    this.java = Path.of(System.getProperty("java.home"), "bin", "java");
    // The processes run on this JVM's java, so this JVM's version is theirs.
    this.javaFeatureVersion = Runtime.version().feature();
    this.javaRuntimeVersion = System.getProperty("java.runtime.version", "unknown");
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

  /**
   * The command line that runs {@code trellis args...} in a JVM started with {@code jvmOptions},
   * which come after the role's options and so override them, as {@code TRELLIS_JAVA_OPTS} does.
   */
  public List<String> commandLine(List<String> jvmOptions, List<String> args) {
    String role = role(args.isEmpty() ? "" : args.get(0));
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add(NATIVE_ACCESS);
    command.add("@" + home.resolve("conf").resolve(role + ".jvm-options"));
    if (Files.isRegularFile(java.getParent().getParent().resolve("lib/server/classes.jsa"))) {
      // our archive builds on the JDK's own; without one the JVM would warn on every start
      command.add("-XX:SharedArchiveFile=" + classArchive(role));
      command.add(onlyPrintsHelp(args) ? "-XX:-AutoCreateSharedArchive" : "-XX:+AutoCreateSharedArchive");
      command.add("-Xshare:auto");
      command.add("-Xlog:cds*=off");
      if (javaFeatureVersion >= 25) {
        command.add("-Xlog:aot*=off");
      }
    }
    if (role.equals("sidecar") && javaFeatureVersion >= 22) {
      command.add("-XX:TrimNativeHeapInterval=1000"); // as ./trellis: bin/jvm-options.sh says why
    }
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(home.resolve("lib") + "/*");
    command.add("dev.trellis.cli.TrellisCli");
    command.addAll(args);
    return command;
  }

  /** The JVM role of the command whose first argument is {@code command}, as ./trellis picks it. */
  static String role(String command) {
    return switch (command) {
      case "proxy", "run" -> "sidecar";
      case "control", "demo" -> "control";
      default -> "cli";
    };
  }

  /**
   * Whether {@code args} only print help or the version: such a run uses the archive but does
   * not write one, as with ./trellis, or the archive would hold only its few classes.
   */
  static boolean onlyPrintsHelp(List<String> args) {
    if (args.isEmpty() || args.get(0).equals("help")) {
      return true;
    }
    for (String arg : args) {
      switch (arg) {
        case "--":
          return false;
        case "-h", "--help", "-V", "--version":
          return true;
        default:
          break;
      }
    }
    return false;
  }

  /** Where the JVM keeps (and, when missing or stale, writes) the role's class-data archive. */
  private Path classArchive(String role) {
    Path cache = home.resolve("cache");
    try {
      Files.createDirectories(cache);
    } catch (IOException e) {
      // the JVM then runs without an archive and, told to be quiet about it, says nothing
    }
    String jdk = javaRuntimeVersion.replaceAll("[^A-Za-z0-9.+_-]", "_");
    Path archive = cache.resolve(role + "-jdk" + jdk + ".jsa");
    dropBrokenArchive(archive);
    return archive;
  }

  /**
   * Removes {@code archive} unless it starts as a dynamic class-data archive does, as ./trellis
   * does: the JVM warns on every start about a file that is not an archive (a dump cut short, or
   * one still being written by another process) and never replaces it.
   */
  private static void dropBrokenArchive(Path archive) {
    try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
      ByteBuffer magic = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
      while (magic.hasRemaining() && channel.read(magic) >= 0) {
        // read the four bytes of the magic number, or up to the end of a shorter file
      }
      if (magic.hasRemaining() || magic.getInt(0) != DYNAMIC_ARCHIVE_MAGIC) {
        Files.deleteIfExists(archive);
      }
    } catch (NoSuchFileException e) {
      // no archive yet: the JVM writes one as it exits
    } catch (IOException e) {
      // unreadable: the JVM will not use it either, and is told to be quiet about it
    }
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
