package dev.trellis.cli.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.client.ControlClient;
import dev.trellis.api.client.SnapshotDecision;
import dev.trellis.api.client.SnapshotWatch;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.api.watch.Subscription;
import dev.trellis.cli.TrellisCli;
import dev.trellis.control.server.ControlPlane;
import dev.trellis.control.server.ControlPlaneOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trellis status} against a real control plane on a free port, with one watching proxy. */
class StatusCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @TempDir Path dataDir;
  private ControlPlane control;
  private ControlClient client;
  private SnapshotWatch watch;

  @BeforeEach
  void start() throws Exception {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    control = ControlPlane.start(ControlPlaneOptions.defaults(dataDir).withHost("127.0.0.1").withPort(0));
    client = ControlClient.create(control.uri(), control.token());
    client.apply("services.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: catalog}
        spec:
          ports: [{name: http, port: 8080}]
        """, false);
    client.register(InstanceRegistration.of("catalog", "127.0.0.1", 9001));
    watch = client.watch(new Subscription("web-1", "web", "default", List.of("catalog")),
        snapshot -> SnapshotDecision.ack());
    await().atMost(Duration.ofSeconds(10)).until(() -> client.proxies().proxies().stream()
        .anyMatch(p -> p.lastAckedVersion() > 0 && p.lastAckedVersion() == p.lastSentVersion()));
  }

  @AfterEach
  void stop() {
    watch.close();
    client.close();
    control.close();
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  @Test
  void aTableOfServicesInstancesAndProxies() {
    assertThat(TrellisCli.execute("status", "--control", control.uri().toString(), "--token", control.token()))
        .as(err.toString(StandardCharsets.UTF_8)).isZero();
    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(table).contains("control plane " + control.uri() + " at version ");
    assertThat(table).containsPattern("default +catalog +1 +1");
    assertThat(table).containsPattern("catalog +catalog-\\S+ +127\\.0\\.0\\.1:9001 +HEALTHY");
    assertThat(table).containsPattern("web-1 +web +IN_SYNC +(\\d+) +\\1 +0");
  }

  @Test
  void jsonWithEveryFieldAndInstantsAsText() throws Exception {
    assertThat(TrellisCli.execute("status", "-o", "json", "--control", control.uri().toString(),
        "--token", control.token())).as(err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode status = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    JsonNode catalog = status.path("services").get(0);
    assertThat(catalog.path("service").asText()).isEqualTo("catalog");
    assertThat(catalog.path("healthy").asInt()).isEqualTo(1);
    assertThat(catalog.path("instances").get(0).path("port").asInt()).isEqualTo(9001);
    assertThat(catalog.path("instances").get(0).path("registeredAt").asText()).endsWith("Z");
    JsonNode web = status.path("proxies").get(0);
    assertThat(web.path("node").asText()).isEqualTo("web-1");
    assertThat(web.path("sync").asText()).isEqualTo("IN_SYNC");
    assertThat(web.path("upstreams").get(0).asText()).isEqualTo("catalog");
  }

  @Test
  void yamlToo() {
    assertThat(TrellisCli.execute("status", "-o", "yaml", "--control", control.uri().toString(),
        "--token", control.token())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("services:", "service: catalog", "sync: IN_SYNC");
  }

  @Test
  void anUnreachableControlPlaneIsOneLineAndExitCodeOne() {
    String url = control.uri().toString();
    control.close();
    assertThat(TrellisCli.execute("status", "--control", url, "--token", "t")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("\nerror: cannot reach the control plane at " + url);
  }
}
