package dev.trellis.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.testkit.process.CommandResult;
import dev.trellis.testkit.process.Distribution;
import dev.trellis.testkit.process.TrellisProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code trellis demo} as a user runs it: it starts, the bookstore answers through its sidecars
 * for a sustained period, {@code trellis status} shows everything healthy and in sync, and
 * stopping it leaves no process and no bound port behind.
 */
class DemoIT {
  private static final Pattern UP = Pattern.compile("the bookstore is up");
  private static final Pattern WEB = Pattern.compile("(?m)^  web +http://(127\\.0\\.0\\.1:\\d+)/");
  private static final Pattern STATUS = Pattern.compile("(?m)^  status +trellis status --control (\\S+) --token (\\S+)$");
  private static final Pattern PORTS = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");
  private static final Duration SUSTAINED = Duration.ofSeconds(20);

  private final Distribution dist = Distribution.fromSystemProperty();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void theBookstoreRunsInTheMeshAndStopsWithoutATrace() throws Exception {
    try (TrellisProcess demo = dist.start("demo")) {
      demo.awaitOutput(UP, Duration.ofSeconds(100));
      String output = demo.stdout();
      String web = match(WEB, output).group(1);
      Matcher status = match(STATUS, output);
      String control = status.group(1);
      String token = status.group(2);
      List<ProcessHandle> processes = demo.handle().descendants().toList();
      List<Integer> ports = new ArrayList<>();
      PORTS.matcher(output).results().forEach(m -> ports.add(Integer.parseInt(m.group(1))));
      // Seven trellis run processes, each with its application.
      assertThat(processes).as(output).hasSizeGreaterThanOrEqualTo(14);

      Map<String, Integer> versions = sustainedTraffic(web);
      assertThat(versions).as("catalog versions that answered").containsKey("v1");

      CommandResult statusResult = dist.run("status", "-o", "json", "--control", control, "--token", token);
      assertThat(statusResult.exitCode()).as(statusResult.describe()).isZero();
      JsonNode mesh = json.readTree(statusResult.stdout());
      Map<String, Integer> instances = new HashMap<>();
      for (JsonNode service : mesh.path("services")) {
        instances.put(service.path("service").asText(), service.path("instances").size());
        assertThat(service.path("healthy").asInt()).as(statusResult.stdout())
            .isEqualTo(service.path("instances").size());
        if (service.path("service").asText().equals("catalog")) {
          // The example's active check, GET /healthz, reaches each catalog application.
          for (JsonNode instance : service.path("instances")) {
            assertThat(instance.path("healthDetail").asText()).isEqualTo("GET /healthz: 200");
          }
        }
      }
      assertThat(instances).containsEntry("web", 1).containsEntry("catalog", 2).containsEntry("catalog-v2", 1)
          .containsEntry("inventory", 1).containsEntry("reviews", 1).containsEntry("loadgen", 1);
      assertThat(mesh.path("proxies")).hasSize(7);
      for (JsonNode proxy : mesh.path("proxies")) {
        assertThat(proxy.path("sync").asText()).as(statusResult.stdout()).isEqualTo("IN_SYNC");
      }
      CommandResult table = dist.run("status", "--control", control, "--token", token);
      assertThat(table.stdout()).contains("SERVICE", "HEALTHY", "IN_SYNC");

      demo.terminate();
      assertThat(demo.waitFor(Duration.ofSeconds(45))).as(demo.describe()).isZero();
      assertThat(demo.stdout()).contains("stopped: every process ended");
      for (ProcessHandle process : processes) {
        assertThat(process.isAlive()).as("pid %d %s", process.pid(), process.info().commandLine()).isFalse();
      }
      for (int port : ports) {
        assertThat(listening(port)).as("port %d still bound\n%s", port, output).isFalse();
      }
    }
  }

  /** Asks web for its books for {@link #SUSTAINED}; every answer whole; returns catalog versions seen. */
  private Map<String, Integer> sustainedTraffic(String web) throws IOException, InterruptedException {
    Map<String, Integer> versions = new HashMap<>();
    int requests = 0;
    long end = System.nanoTime() + SUSTAINED.toNanos();
    try (HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()) {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + web + "/api/books"))
          .timeout(Duration.ofSeconds(5)).build();
      while (System.nanoTime() < end) {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode page = json.readTree(response.body());
        assertThat(page.path("problems")).as(response.body()).isEmpty();
        assertThat(page.path("books")).as(response.body()).isNotEmpty();
        versions.merge(page.path("catalogVersion").asText(), 1, Integer::sum);
        requests++;
        TimeUnit.MILLISECONDS.sleep(100); // a steady pace, not a synchronisation
      }
    }
    assertThat(requests).isGreaterThan(50);
    return versions;
  }

  private static Matcher match(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertThat(matcher.find()).as("/%s/ in\n%s", pattern, text).isTrue();
    return matcher;
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
