package dev.trellis.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.client.ControlClient;
import dev.trellis.testkit.process.Distribution;
import dev.trellis.testkit.process.TrellisProcess;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's "Run your own service in the mesh" walk exactly as written, each
 * {@code ./trellis ...} line through {@code sh} from the repository root, against a control plane
 * on a free port ({@code TRELLIS_CONTROL} and {@code TRELLIS_DATA_DIR} point the commands at it,
 * so the lines need no options the README does not show). A line commented {@code keeps running}
 * is started in the background; every other line must exit 0.
 */
class ReadmeWalkIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String SECTION = "## Run your own service in the mesh";
  private static final Pattern CONTROL_LISTENING = Pattern.compile("listening on (http://[0-9.]+:\\d+)");
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final Distribution dist = Distribution.fromSystemProperty();
  @TempDir Path dataDir;
  @TempDir Path bin;
  private TrellisProcess control;
  private Map<String, String> environment;
  private final List<Process> background = new ArrayList<>();

  @BeforeEach
  void startControlPlane() throws IOException {
    control = dist.start("control", "--data-dir", dataDir.toString(), "--listen", "127.0.0.1:0");
    String url = control.awaitOutput(CONTROL_LISTENING, Duration.ofSeconds(30)).group(1);
    Path trellis = bin.resolve("trellis");
    Files.writeString(trellis, "#!/bin/sh\nexec " + String.join(" ", quoted(dist.commandLine(List.of()))) + " \"$@\"\n");
    Files.setPosixFilePermissions(trellis, PosixFilePermissions.fromString("rwxr-xr-x"));
    environment = new HashMap<>();
    environment.put("TRELLIS_CONTROL", url);
    environment.put("TRELLIS_DATA_DIR", dataDir.toString());
    // ./trellis exports the JDK it selected as JAVA_HOME, and the README's app finds jwebserver
    // there; this stand-in for ./trellis does the same, and leaves the PATH alone.
    environment.put("JAVA_HOME", System.getProperty("java.home"));
  }

  @AfterEach
  void stop() {
    for (Process process : background) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    control.close();
  }

  @Test
  void everyCommandOfTheWalkWorksAsWritten() throws Exception {
    List<String> commands = walkCommands();
    assertThat(commands).hasSizeGreaterThanOrEqualTo(7);
    assertThat(commands.get(0)).startsWith("./trellis control ");
    Map<String, String> outputs = new HashMap<>();
    // The walk's control plane is the test's, on a free port rather than 7420.
    for (String command : commands.subList(1, commands.size())) {
      if (command.endsWith("# keeps running")) {
        startInBackground(command);
      } else {
        outputs.put(command, runToCompletion(command));
      }
    }
    List<String> ran = new ArrayList<>(outputs.keySet());
    assertThat(outputOf(outputs, "apply -f examples/hello/service.yaml")).contains("service/hello created");
    assertThat(outputOf(outputs, "TRELLIS_UPSTREAM_HELLO")).contains("route.yaml", "service.yaml");
    assertThat(outputOf(outputs, "apply -f examples/hello/route.yaml")).contains("httproute/hello created");
    assertThat(outputOf(outputs, "http://hello/route.yaml")).contains("kind: HTTPRoute", "request: 2s");
    assertThat(outputOf(outputs, "./trellis status  ")).contains("hello", "HEALTHY", "IN_SYNC");
    assertThat(outputOf(outputs, "./trellis status -o yaml")).contains("service: hello", "sync: IN_SYNC");
    assertThat(ran).hasSize(commands.size() - 2);
  }

  /** The {@code ./trellis} lines of the section, in order, comments kept. */
  private static List<String> walkCommands() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf(SECTION);
    assertThat(start).as("README has the section %s", SECTION).isNotNegative();
    int end = readme.indexOf("\n## ", start + SECTION.length());
    return readme.substring(start, end < 0 ? readme.length() : end).lines()
        .filter(line -> line.startsWith("./trellis "))
        .toList();
  }

  private void startInBackground(String command) throws IOException {
    Path log = Files.createTempFile(bin, "background", ".log");
    Process process = shell(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    background.add(process);
    await().atMost(WAIT).until(() -> {
      assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
      return Files.readString(log).contains("\nready\n") && hasInstance("hello");
    });
    await().atMost(WAIT).until(() -> Files.readString(log).contains("Serving "));
  }

  private String runToCompletion(String command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(bin, "command", ".log");
    Process process = shell(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as(command).isTrue();
    String output = Files.readString(log);
    assertThat(process.exitValue()).as(command + "\n" + output).isZero();
    return output;
  }

  private ProcessBuilder shell(String command) {
    String runnable = bin.resolve("trellis") + command.substring("./trellis".length());
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", runnable).directory(ROOT.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(environment);
    return builder;
  }

  private boolean hasInstance(String service) throws IOException {
    try (ControlClient client = ControlClient.create(URI.create(environment.get("TRELLIS_CONTROL")),
        Files.readString(dataDir.resolve("admin-token")).strip())) {
      return client.endpoints(service, "default").services().stream().anyMatch(s -> !s.endpoints().isEmpty());
    }
  }

  private static String outputOf(Map<String, String> outputs, String fragment) {
    return outputs.entrySet().stream().filter(e -> e.getKey().contains(fragment)).findFirst()
        .map(Map.Entry::getValue)
        .orElseThrow(() -> new AssertionError("no README command containing " + fragment + " in " + outputs.keySet()));
  }

  private static List<String> quoted(List<String> words) {
    return words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList();
  }
}
