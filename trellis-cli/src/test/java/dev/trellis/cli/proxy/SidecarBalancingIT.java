package dev.trellis.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.testkit.app.ScriptedApp;
import dev.trellis.testkit.client.Curl;
import dev.trellis.testkit.load.SteadyRequests;
import dev.trellis.testkit.process.CommandResult;
import dev.trellis.testkit.process.ControlPlaneProcess;
import dev.trellis.testkit.process.Distribution;
import dev.trellis.testkit.process.SidecarProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Balancing across replicas, each an application with its own {@code trellis proxy}, seen from a
 * caller's sidecar: the balancer a {@code TrafficPolicy} picks, peak-EWMA steering away from a
 * slow replica, and replicas leaving (failing health check, SIGTERM) and joining under steady
 * traffic without one failed request.
 *
 * <pre>
 *   curl / loop --&gt; web sidecar ==h2==&gt; catalog sidecar 1..4 --&gt; catalog app 1..4
 * </pre>
 *
 * <p>The tests share one mesh (five sidecars take a while to start) and run in order; only the
 * last one changes which replicas exist.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SidecarBalancingIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Each worker of a request loop sends at most one request per PACE: ~100/s per worker. */
  private static final Duration PACE = Duration.ofMillis(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SERVICES = """
      apiVersion: trellis.dev/v1alpha1
      kind: Service
      metadata: {name: catalog}
      spec: {ports: [{name: http, port: 8080}]}
      ---
      apiVersion: trellis.dev/v1alpha1
      kind: Service
      metadata: {name: web}
      spec: {ports: [{name: http, port: 8080}]}
      """;
  private static final String HEALTH_CHECK = """
        healthCheck:
          type: HTTP
          http: {path: /healthz}
          interval: 200ms
          timeout: 190ms
          unhealthyThreshold: 3
          healthyThreshold: 1
      """;
  private static final String POLICY_HEAD = """
      apiVersion: trellis.dev/v1alpha1
      kind: TrafficPolicy
      metadata: {name: catalog}
      spec:
        targetRef: {kind: Service, name: catalog}
      """;

  @TempDir static Path dir;
  private static Distribution dist;
  private static ControlPlaneProcess control;
  private static final List<ScriptedApp> apps = new ArrayList<>();
  private static final List<SidecarProcess> replicas = new ArrayList<>();
  private static SidecarProcess web;

  @BeforeAll
  static void startMesh() throws Exception {
    dist = Distribution.fromSystemProperty();
    control = ControlPlaneProcess.start(dist, Files.createDirectory(dir.resolve("control")));
    apply("services.yaml", SERVICES);
    apply("policy.yaml", POLICY_HEAD + "  loadBalancer: {type: RoundRobin}\n" + HEALTH_CHECK);
    // Three JVMs start side by side: the machine waits on them once, not three times.
    List<CompletableFuture<SidecarProcess>> starting = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      ScriptedApp app = ScriptedApp.start("catalog-" + i);
      apps.add(app);
      starting.add(CompletableFuture.supplyAsync(() -> startSidecar(app)));
    }
    starting.forEach(sidecar -> replicas.add(sidecar.join()));
    web = SidecarProcess.builder(dist, control, "web", Files.createDirectory(dir.resolve("web")))
        .appPort(8080, 1).upstream("catalog").start();
  }

  @AfterAll
  static void stopMesh() {
    List<AutoCloseable> all = new ArrayList<>();
    all.add(web);
    all.addAll(replicas);
    all.addAll(apps);
    all.add(control);
    for (AutoCloseable closeable : all) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  @Test
  @Order(1)
  void roundRobinFromATrafficPolicySpreadsEvenly() {
    awaitCallerSees("ROUND_ROBIN", Map.of(1, "HEALTHY", 2, "HEALTHY", 3, "HEALTHY"));
    String url = "http://127.0.0.1:" + web.upstreamPort("catalog") + "/books";
    String[] args = new String[3 + 2 * 60];
    args[0] = "-sS";
    args[1] = "-w";
    args[2] = "%header{x-app}\\n";
    for (int i = 0; i < 60; i++) {
      args[3 + 2 * i] = "-o";
      args[4 + 2 * i] = "/dev/null";
    }
    // curl pairs each -o with a URL in order: 60 requests, one after another, on one connection.
    List<String> command = new ArrayList<>(Arrays.asList(args));
    for (int i = 0; i < 60; i++) {
      command.add(url);
    }

    Curl.Result result = Curl.run(command.toArray(String[]::new));

    Map<String, Long> counts = Arrays.stream(result.stdout().split("\n"))
        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    assertThat(counts).as(result.describe()).containsOnlyKeys("catalog-1", "catalog-2", "catalog-3");
    assertThat(counts.values()).as(counts.toString()).allSatisfy(count -> assertThat(count).isBetween(18L, 22L));
  }

  @Test
  @Order(2)
  void peakEwmaSendsClearlyLessToASlowReplica() throws Exception {
    apply("policy.yaml", POLICY_HEAD + HEALTH_CHECK); // no loadBalancer: the default, peak-EWMA
    awaitCallerSees("PEAK_EWMA", Map.of(1, "HEALTHY", 2, "HEALTHY", 3, "HEALTHY"));
    apps.get(2).delayMillis(200);
    try (SteadyRequests load = SteadyRequests.start(uri(), 4, PACE)) {
      await().atMost(WAIT).until(() -> load.completed() >= 400);
      load.close();
      Map<String, Long> counts = load.answeredBy();
      long total = counts.values().stream().mapToLong(Long::longValue).sum();

      assertThat(load.failures()).isEmpty();
      // A fair share would be a third each; the fast two need not split evenly between them.
      long slow = counts.getOrDefault("catalog-3", 0L);
      assertThat(slow).as(counts.toString()).isLessThan(total / 10);
      assertThat(counts.get("catalog-1")).as(counts.toString()).isGreaterThan(2 * slow);
      assertThat(counts.get("catalog-2")).as(counts.toString()).isGreaterThan(2 * slow);
    } finally {
      apps.get(2).delayMillis(0);
    }
  }

  @Test
  @Order(3)
  void replicasLeaveAndJoinUnderSteadyTrafficWithoutOneFailedRequest() throws Exception {
    // Round robin, so that a joining replica's share shows at once. (Peak-EWMA believes the
    // first, cold answer of a new JVM as a peak and lets it decay over some 10 s: correct, slow
    // to watch.)
    apply("policy.yaml", POLICY_HEAD + "  loadBalancer: {type: RoundRobin}\n" + HEALTH_CHECK);
    awaitCallerSees("ROUND_ROBIN", Map.of(1, "HEALTHY", 2, "HEALTHY", 3, "HEALTHY"));
    try (SteadyRequests load = SteadyRequests.start(uri(), 2, PACE)) {
      await().atMost(WAIT).until(() -> load.completed() >= 50);

      // A failing health check takes catalog-2 out.
      apps.get(1).healthStatus(503);
      awaitCallerSees("ROUND_ROBIN", Map.of(1, "HEALTHY", 2, "UNHEALTHY", 3, "HEALTHY"));
      assertThat(receivedDuring(load, 100)).as("after catalog-2 turned unhealthy")
          .containsEntry("catalog-2", 0L).containsKeys("catalog-1", "catalog-3");

      // A fourth replica joins and gets traffic.
      startReplica(4);
      awaitCallerSees("ROUND_ROBIN", Map.of(1, "HEALTHY", 2, "UNHEALTHY", 3, "HEALTHY", 4, "HEALTHY"));
      Map<String, Long> withFour = receivedDuring(load, 90);
      assertThat(withFour).as("after catalog-4 joined")
          .containsOnlyKeys("catalog-1", "catalog-2", "catalog-3", "catalog-4")
          .containsEntry("catalog-2", 0L);
      // A third each, of what the window holds: at least 90 requests, and more when the check
      // that closes it comes late (it polls every 100 ms, ~20 requests at this pace).
      long window = withFour.values().stream().mapToLong(Long::longValue).sum();
      for (String app : List.of("catalog-1", "catalog-3", "catalog-4")) {
        assertThat(withFour.get(app)).as(withFour.toString()).isBetween(window * 26 / 90, window * 34 / 90);
      }

      // catalog-1's sidecar stops gracefully: it leaves, and nothing more reaches it.
      SidecarProcess leaving = replicas.get(0);
      leaving.terminate();
      assertThat(leaving.process().waitFor(WAIT)).as(leaving.process().describe()).isZero();
      assertThat(receivedDuring(load, 100)).as("after catalog-1's sidecar stopped")
          .containsEntry("catalog-1", 0L).containsEntry("catalog-2", 0L)
          .containsKeys("catalog-3", "catalog-4");
      load.close();
      assertThat(load.failures()).isEmpty();
      assertThat(load.completed()).isGreaterThan(250);
    }
  }

  /** Answers per instance over the next {@code requests} requests of the loop. */
  private static Map<String, Long> receivedDuring(SteadyRequests load, int requests) {
    Map<String, Long> before = load.answeredBy();
    long start = load.completed();
    await().atMost(WAIT).until(() -> load.completed() >= start + requests);
    return SteadyRequests.difference(before, load.answeredBy());
  }

  private static void startReplica(int number) {
    ScriptedApp app = ScriptedApp.start("catalog-" + number);
    apps.add(app);
    replicas.add(startSidecar(app));
  }

  private static SidecarProcess startSidecar(ScriptedApp app) {
    try {
      return SidecarProcess.builder(dist, control, "catalog", Files.createDirectory(dir.resolve(app.name())))
          .appPort(8080, app.port()).start();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static URI uri() {
    return URI.create("http://127.0.0.1:" + web.upstreamPort("catalog") + "/books");
  }

  private static void apply(String name, String yaml) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    CommandResult applied = control.cli("apply", "-f", file.toString());
    assertThat(applied.exitCode()).as(applied.describe()).isZero();
  }

  /**
   * Waits until the caller's admin {@code /endpoints} shows catalog with {@code balancer} and
   * exactly the replicas given (by number), each with the health given.
   */
  private static void awaitCallerSees(String balancer, Map<Integer, String> healthByReplica) {
    Map<String, String> expected = new TreeMap<>();
    healthByReplica.forEach((number, health) ->
        expected.put("127.0.0.1:" + replicas.get(number - 1).inbound().getPort(), health));
    await().atMost(WAIT).untilAsserted(() -> {
      SidecarProcess.AdminAnswer answer = web.adminGet("/endpoints");
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      JsonNode catalog = null;
      for (JsonNode service : JSON.readTree(answer.body()).path("services")) {
        if (service.path("service").asText().equals("catalog")) {
          catalog = service;
        }
      }
      assertThat(catalog).as(answer.body()).isNotNull();
      Map<String, String> seen = new TreeMap<>();
      catalog.path("endpoints").forEach(e -> seen.put(e.path("address").asText(), e.path("health").asText()));
      assertThat(catalog.path("balancer").asText()).as(answer.body()).isEqualTo(balancer);
      assertThat(seen).as(answer.body()).isEqualTo(expected);
    });
  }
}
