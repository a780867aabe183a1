package dev.trellis.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.testkit.process.TrellisProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trellis run} as a user runs it: real control plane, real {@code trellis run} processes,
 * a real application beside each sidecar.
 */
class RunIT {
  private static final Duration START = Duration.ofSeconds(60);
  private static final Pattern READY = Pattern.compile("(?m)^ready$");
  private static final Pattern APP_LISTENING = Pattern.compile("(?m)^listening on 127\\.0\\.0\\.1:(\\d+)$");

  @TempDir Path dataDir;
  private TestMesh mesh;

  @BeforeEach
  void startControlPlane() throws IOException {
    mesh = new TestMesh(dataDir);
  }

  @AfterEach
  void stop() {
    mesh.close();
  }

  @Test
  void theAppStartsOnlyOnceItsSidecarIsReadyAndTrellisRunExitsWithItsCodeLeavingNothingBehind() {
    mesh.declare("echo");
    TrellisProcess echo = mesh.run(List.of("--service", "echo", "--port", "0"), "serve", "echo");
    echo.awaitOutput(APP_LISTENING, START);
    await().atMost(START).until(() -> instances("echo") == 1);

    TrellisProcess job = mesh.run(List.of("--service", "job", "--port", "0", "--upstream", "echo:0"), "job");
    int exitCode = job.waitFor(START);

    String output = job.stdout();
    assertThat(exitCode).as(job.describe()).isEqualTo(3);
    // The job called echo at its very first instant: only a sidecar that was registered and had
    // echo's endpoints already could answer 200.
    assertThat(output).contains("upstream port answered 200: hello from echo",
        "HTTP_PROXY answered 200: hello from echo");
    assertThat(output.indexOf("\nready\n")).isPositive().isLessThan(output.indexOf("upstream port answered"));
    int appPort = port(job, "(?m)^app port (\\d+)$");
    assertThat(output).contains("PORT=" + appPort);
    assertThat(output).contains("trellis run: the application exited with 3; stopping the sidecar");
    // The sidecar is gone with it: every port closed, the instance deregistered at once (its
    // lease would only have expired 15 s later).
    for (String listener : List.of("(?m)^inbound 127\\.0\\.0\\.1:(\\d+)$", "(?m)^outbound http 127\\.0\\.0\\.1:(\\d+)$",
        "(?m)^upstream echo 127\\.0\\.0\\.1:(\\d+)$", "(?m)^admin http://127\\.0\\.0\\.1:(\\d+)$")) {
      assertThat(TestMesh.listening(port(job, listener))).as(listener).isFalse();
    }
    assertThat(instances("job")).isZero();
    assertThat(instances("echo")).isEqualTo(1);
  }

  @Test
  void sigtermUnderTrafficLeavesTheMeshAndLetsRequestsInFlightFinish() throws Exception {
    mesh.declare("slow");
    TrellisProcess first = mesh.run(List.of("--service", "slow", "--port", "0"), "serve", "slow-1");
    TrellisProcess second = mesh.run(List.of("--service", "slow", "--port", "0"), "serve", "slow-2");
    TrellisProcess caller = mesh.start("proxy", "--control", mesh.url, "--data-dir", dataDir.toString(),
        "--service", "caller", "--app-port", "1", "--upstream", "slow:0");
    first.awaitOutput(APP_LISTENING, START);
    second.awaitOutput(APP_LISTENING, START);
    caller.awaitOutput(READY, START);
    int upstream = port(caller, "(?m)^upstream slow 127\\.0\\.0\\.1:(\\d+)$");
    URI work = URI.create("http://127.0.0.1:" + upstream + "/work?ms=1500");

    Set<String> answeredBy = ConcurrentHashMap.newKeySet();
    List<String> failures = new CopyOnWriteArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try (HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()) {
      for (int i = 0; i < 4; i++) {
        callers.submit(() -> {
          while (running.get()) {
            try {
              HttpResponse<String> response = client.send(
                  HttpRequest.newBuilder(work).timeout(Duration.ofSeconds(20)).build(),
                  HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() == 200) {
                answeredBy.add(response.body().strip());
              } else {
                failures.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
              }
            } catch (IOException | InterruptedException e) {
              failures.add(e.toString());
            }
          }
          return null;
        });
      }
      await().atMost(START).until(() -> answeredBy.containsAll(Set.of("hello from slow-1", "hello from slow-2")));

      first.terminate();
      int exitCode = first.waitFor(Duration.ofSeconds(30));
      // Traffic goes on a little after, all of it to the instance still running.
      answeredBy.clear();
      await().atMost(START).until(() -> answeredBy.contains("hello from slow-2"));
      running.set(false);
      callers.shutdown();
      assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

      String output = first.stdout();
      assertThat(failures).as(output).isEmpty();
      assertThat(answeredBy).containsOnly("hello from slow-2");
      // The app received SIGTERM (143 is its exit code after the JVM's shutdown hooks), only
      // after the sidecar had left the mesh, with requests still in flight that it then finished.
      assertThat(exitCode).as(first.describe()).isEqualTo(143);
      Matcher stopping = Pattern.compile("slow-1 stopping with (\\d+) in flight").matcher(output);
      assertThat(stopping.find()).as(output).isTrue();
      assertThat(Integer.parseInt(stopping.group(1))).as(output).isPositive();
      assertThat(output.indexOf("trellis run: SIGTERM: leaving the mesh")).isNotNegative()
          .isLessThan(stopping.start());
      assertThat(output).contains("trellis run: the application exited with 143; stopping the sidecar");
      assertThat(instances("slow")).isEqualTo(1);
    } finally {
      running.set(false);
      callers.shutdownNow();
    }
  }

  @Test
  void sighupIsPassedOnAndSigintStopsLikeSigterm() throws Exception {
    TrellisProcess server = mesh.run(List.of("--service", "hup", "--port", "0"), "serve", "hup-1");
    server.awaitOutput(APP_LISTENING, START);

    signal("HUP", server.pid());
    server.awaitOutput(Pattern.compile("hup-1 got SIGHUP"), START);
    assertThat(server.isAlive()).isTrue();
    assertThat(instances("hup")).isEqualTo(1);

    signal("INT", server.pid());
    assertThat(server.waitFor(Duration.ofSeconds(30))).as(server.describe()).isEqualTo(130);
    assertThat(server.stdout()).contains("trellis run: SIGINT: leaving the mesh", "hup-1 stopping with 0 in flight");
    assertThat(instances("hup")).isZero();
  }

  @Test
  void aCommandThatCannotBeStartedIsExitCode127AndTheSidecarLeaves() {
    TrellisProcess missing = mesh.start("run", "--control", mesh.url, "--data-dir", dataDir.toString(),
        "--service", "missing", "--", "/no/such/program");
    assertThat(missing.waitFor(START)).as(missing.describe()).isEqualTo(127);
    assertThat(missing.stderr()).contains("error: cannot start /no/such/program: ");
    assertThat(instances("missing")).isZero();
  }

  private static void signal(String name, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }

  private int instances(String service) {
    return mesh.client.endpoints(service, "default").services().stream()
        .mapToInt(s -> s.endpoints().size()).sum();
  }

  private static int port(TrellisProcess process, String regex) {
    return Integer.parseInt(process.awaitOutput(Pattern.compile(regex), Duration.ofSeconds(5)).group(1));
  }

}
