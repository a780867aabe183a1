package dev.trellis.cli.run;

import dev.trellis.api.client.ControlClient;
import dev.trellis.testkit.process.Distribution;
import dev.trellis.testkit.process.TrellisProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A real {@code trellis control} process for end-to-end tests of {@code trellis run}, and the
 * command lines that run {@link MeshTestApp} beside a sidecar.
 */
final class TestMesh implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://[0-9.]+:\\d+)");

  final Distribution dist = Distribution.fromSystemProperty();
  final Path dataDir;
  final TrellisProcess control;
  final String url;
  final ControlClient client;
  private final List<TrellisProcess> started = new ArrayList<>();

  TestMesh(Path dataDir) throws IOException {
    this.dataDir = dataDir;
    this.control = dist.start("control", "--data-dir", dataDir.toString(), "--listen", "127.0.0.1:0");
    this.url = control.awaitOutput(LISTENING, Duration.ofSeconds(30)).group(1);
    this.client = ControlClient.create(URI.create(url), Files.readString(dataDir.resolve("admin-token")).strip());
  }

  /** Declares HTTP services on port 8080, as {@code trellis apply} would. */
  void declare(String... services) {
    StringBuilder yaml = new StringBuilder();
    for (String service : services) {
      yaml.append("---\napiVersion: trellis.dev/v1alpha1\nkind: Service\nmetadata: {name: ")
          .append(service).append("}\nspec:\n  ports: [{name: http, port: 8080, appProtocol: http}]\n");
    }
    client.apply("services.yaml", yaml.toString(), false);
  }

  /** Starts {@code trellis run OPTIONS -- java -cp test-classes MeshTestApp APP_ARGS}. */
  TrellisProcess run(List<String> options, String... appArgs) {
    List<String> args = new ArrayList<>(List.of("run", "--control", url, "--data-dir", dataDir.toString()));
    args.addAll(options);
    args.add("--");
    args.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    args.add("-XX:TieredStopAtLevel=1");
    args.add("-cp");
    args.add(testClasses());
    args.add(MeshTestApp.class.getName());
    args.addAll(Arrays.asList(appArgs));
    TrellisProcess process = dist.start(args.toArray(String[]::new));
    started.add(process);
    return process;
  }

  /** Starts any {@code trellis} command against this control plane, stopped by {@link #close}. */
  TrellisProcess start(String... args) {
    TrellisProcess process = dist.start(args);
    started.add(process);
    return process;
  }

  private static String testClasses() {
    return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(entry -> entry.endsWith("test-classes"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no test-classes on the class path"));
  }

  /** Whether something accepts connections on {@code 127.0.0.1:port}. */
  static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    for (TrellisProcess process : started) {
      process.close();
    }
    client.close();
    control.close();
  }

  static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException(e);
  }
}
