package dev.trellis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.testkit.process.CommandResult;
import dev.trellis.testkit.process.ControlPlaneProcess;
import dev.trellis.testkit.process.Distribution;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every trellis process runs with the JVM options of its role ({@code conf/<role>.jvm-options}
 * in the distribution) and a class-data archive that the JVM keeps by itself, quietly.
 */
class JvmOptionsIT {
  private static final int DYNAMIC_ARCHIVE_MAGIC = 0xf00baba8;

  private final Distribution dist = Distribution.fromSystemProperty();

  @Test
  void eachCommandGetsTheOptionsFileOfItsRole() {
    assertThat(optionsFile("proxy", "--service", "web")).endsWith("sidecar.jvm-options");
    assertThat(optionsFile("run", "--service", "web", "--", "app")).endsWith("sidecar.jvm-options");
    assertThat(optionsFile("control")).endsWith("control.jvm-options");
    assertThat(optionsFile("get", "services")).endsWith("cli.jvm-options");
    for (String role : List.of("sidecar", "control", "cli")) {
      assertThat(dist.home().resolve("conf").resolve(role + ".jvm-options")).isRegularFile();
    }
    assertThat(dist.commandLine(List.of("-Xmx128m"), List.of("proxy")))
        .as("options given by the caller come after the role's, so they win")
        .containsSubsequence("@" + dist.home().resolve("conf/sidecar.jvm-options"), "-Xmx128m");
  }

  @Test
  void onlyASidecarTrimsTheNativeHeapAndOnlyWhereTheJdkCan() {
    String trim = "-XX:TrimNativeHeapInterval=1000";
    if (Runtime.version().feature() >= 22) {
      assertThat(dist.commandLine(List.of("proxy"))).contains(trim);
      assertThat(dist.commandLine(List.of("run", "--service", "web", "--", "app"))).contains(trim);
    } else {
      assertThat(dist.commandLine(List.of("proxy"))).doesNotContain(trim);
    }
    assertThat(dist.commandLine(List.of("control"))).doesNotContain(trim);
    assertThat(dist.commandLine(List.of("get", "services"))).doesNotContain(trim);
  }

  @Test
  void theSidecarOptionsSetASmallSerialHeapAndALateFrugalJit() throws IOException {
    String options = Files.readString(dist.home().resolve("conf/sidecar.jvm-options"));
    assertThat(options.lines().filter(line -> line.startsWith("-")))
        .contains("-XX:+UseSerialGC", "-Xms8m", "-Xmx64m", "-XX:CICompilerCount=2",
            "-XX:CompileThresholdScaling=3");
  }

  @Test
  void aSidecarStartsWithItsOptionsAndTheJvmTakesThem() {
    // The JVM refuses an unknown or malformed option before main: a typo in the options file
    // would stop every sidecar. `--version` runs the sidecar's JVM with all of them.
    CommandResult result = ok(dist.run("proxy", "--version"));
    assertThat(result.stderr()).as("nothing but the version").isEmpty();
  }

  @Test
  void aBrokenClassArchiveIsReplacedWithoutAWord(@TempDir Path dataDir) throws IOException {
    try (ControlPlaneProcess control = ControlPlaneProcess.start(dist, dataDir)) {
      CommandResult first = ok(control.cli("get", "services"));
      List<Path> archives = cliArchives();
      assertThat(archives).as("a command writes its role's archive as it exits").hasSize(1);
      Path archive = archives.get(0);
      assertThat(magic(archive)).isEqualTo(DYNAMIC_ARCHIVE_MAGIC);

      // What a dump cut short leaves: the JVM writes an archive's header last.
      Files.write(archive, new byte[64 * 1024]);
      CommandResult result = ok(control.cli("get", "services"));

      assertThat(result.stdout()).as("the user sees nothing of it").isEqualTo(first.stdout());
      assertThat(result.stderr()).as("the user sees nothing of it").isEqualTo(first.stderr());
      assertThat(magic(archive)).as("rewritten as the command exits").isEqualTo(DYNAMIC_ARCHIVE_MAGIC);
    }
  }

  @Test
  void helpAndVersionUseTheArchiveButNeverWriteIt() {
    assertThat(dist.commandLine(List.of("--version"))).contains("-XX:-AutoCreateSharedArchive");
    assertThat(dist.commandLine(List.of("proxy", "--help"))).contains("-XX:-AutoCreateSharedArchive");
    assertThat(dist.commandLine(List.of("run", "--service", "web", "--", "app", "--help")))
        .as("the application's own arguments do not count").contains("-XX:+AutoCreateSharedArchive");
    assertThat(dist.commandLine(List.of("get", "services"))).contains("-XX:+AutoCreateSharedArchive");
  }

  private String optionsFile(String... args) {
    return dist.commandLine(List.of(args)).stream()
        .filter(arg -> arg.startsWith("@"))
        .findFirst()
        .orElseThrow();
  }

  private List<Path> cliArchives() throws IOException {
    try (Stream<Path> files = Files.list(dist.home().resolve("cache"))) {
      return files.filter(file -> file.getFileName().toString().matches("cli-jdk.*\\.jsa")).toList();
    }
  }

  private static int magic(Path archive) throws IOException {
    byte[] bytes = Files.readAllBytes(archive);
    return bytes.length < 4 ? 0 : ByteBuffer.wrap(bytes, 0, 4).order(ByteOrder.nativeOrder()).getInt();
  }

  private static CommandResult ok(CommandResult result) {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    return result;
  }
}
