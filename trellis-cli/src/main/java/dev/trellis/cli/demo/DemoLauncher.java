package dev.trellis.cli.demo;

import dev.trellis.cli.TrellisCli;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command lines of the demo's processes from the distribution this JVM runs from:
 *
 * <pre>
 *   java -cp 'dist/lib/*' dev.trellis.cli.TrellisCli run --service catalog --port 0 \
 *       --upstream inventory:0 -- java -cp 'dist/lib/*' dev.trellis.examples.bookstore.Bookstore catalog
 * </pre>
 *
 * <p>Every JVM gets flags for a small, quick start (serial GC, C1 only, a modest heap): the demo
 * runs about a dozen of them on what may be a laptop.
 */
final class DemoLauncher {
  static final List<String> JVM_FLAGS = List.of(
      "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx96m", "-XX:-UsePerfData",
      "--enable-native-access=ALL-UNNAMED");

  private final Path java;
  private final String classpath;

  DemoLauncher(Path java, String classpath) {
    this.java = java;
    this.classpath = classpath;
  }

  /** The launcher for the JVM and distribution running this code. */
  static DemoLauncher current() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new DemoLauncher(java, classpath());
  }

  /** {@code <dist>/lib/*} when this runs from the distribution, else this JVM's class path. */
  private static String classpath() {
    try {
      Path jar = Path.of(TrellisCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(jar)) {
        return jar.getParent().resolve("*").toString();
      }
    } catch (URISyntaxException | RuntimeException e) {
      // fall through: the class path of this JVM works as well, only longer
    }
    return System.getProperty("java.class.path");
  }

  /** {@code trellis run ... -- java ... Bookstore ...} for {@code service}. */
  List<String> commandLine(DemoService service) {
    List<String> command = jvm("dev.trellis.cli.TrellisCli");
    command.add("run");
    command.add("--service");
    command.add(service.service());
    if (service.serves()) {
      command.add("--port");
      command.add("0");
    }
    for (String upstream : service.upstreams()) {
      command.add("--upstream");
      command.add(upstream + ":0");
    }
    for (String label : service.labels()) {
      command.add("--label");
      command.add(label);
    }
    command.add("--drain-timeout");
    command.add("5s");
    command.add("--");
    command.addAll(jvm("dev.trellis.examples.bookstore.Bookstore"));
    command.addAll(service.bookstoreArgs());
    return command;
  }

  private List<String> jvm(String mainClass) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(JVM_FLAGS);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    return command;
  }
}
