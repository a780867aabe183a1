package dev.trellis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.testkit.process.CommandResult;
import dev.trellis.testkit.process.Distribution;
import dev.trellis.testkit.process.TrellisProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane as a user runs it: {@code trellis control} as a real process, driven by the
 * {@code trellis} CLI in other processes, restarted and killed along the way.
 */
class ControlPlaneIT {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://[0-9.]+:(\\d+))");
  private static final Path EXAMPLES = Path.of("..", "examples", "mesh").toAbsolutePath().normalize();

  private final Distribution dist = Distribution.fromSystemProperty();
  private final List<TrellisProcess> started = new ArrayList<>();

  @TempDir Path dataDir;
  @TempDir Path work;
  private String url;

  @BeforeEach
  void startControlPlane() {
    url = startControl();
  }

  @AfterEach
  void stopEverything() {
    started.forEach(TrellisProcess::close);
  }

  @Test
  void applyGetDeleteRoundTrip() {
    CommandResult apply = cli("apply", "-f", EXAMPLES.toString());
    assertThat(apply.exitCode()).as(apply.describe()).isZero();
    assertThat(apply.stdout()).contains("service/catalog created", "httproute/catalog-split created",
        "trafficpolicy/catalog created", "meshconfig/default created");

    CommandResult again = cli("apply", "-f", EXAMPLES.resolve("services.yaml").toString());
    assertThat(again.stdout()).contains("service/catalog unchanged");

    CommandResult services = cli("get", "services");
    assertThat(services.exitCode()).as(services.describe()).isZero();
    assertThat(services.stdout()).contains("NAME", "catalog", "catalog-v2", "inventory", "reviews");

    CommandResult route = cli("get", "httproute", "catalog-split", "-o", "yaml");
    assertThat(route.stdout()).contains("kind: HTTPRoute", "name: catalog-split", "weight: 90");

    CommandResult json = cli("get", "services", "catalog", "-o", "json");
    assertThat(json.stdout()).contains("\"kind\" : \"Service\"", "\"appProtocol\" : \"http\"");

    CommandResult delete = cli("delete", "httproute", "catalog-split");
    assertThat(delete.exitCode()).as(delete.describe()).isZero();
    assertThat(delete.stdout()).contains("httproute/catalog-split deleted");
    CommandResult gone = cli("get", "httproute", "catalog-split");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.stderr()).contains("not found");
  }

  @Test
  void deleteRefusesAServiceThatRoutesStillUse() {
    cli("apply", "-f", EXAMPLES.toString());
    CommandResult delete = cli("delete", "service", "catalog-v2");
    assertThat(delete.exitCode()).as(delete.describe()).isEqualTo(1);
    assertThat(delete.stderr()).contains("HTTPRoute default/catalog-split");
    assertThat(cli("get", "service", "catalog-v2").exitCode()).isZero();
  }

  @Test
  void invalidMultiDocumentApplyChangesNothingAndReportsEveryError() throws IOException {
    Path file = work.resolve("bad.yaml");
    Files.writeString(file, """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata:
          name: fine
        spec:
          ports:
            - name: http
              port: 8080
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: broken
        spec:
          parentRefs:
            - kind: Service
              group: ""
              name: fine
          rules:
            - backendRefs:
                - name: fine
                  weight: -3
        ---
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata:
          name: also-broken
        spec:
          ports:
            - name: http
              port: 70000
        """);

    CommandResult apply = cli("apply", "-f", file.toString());

    assertThat(apply.exitCode()).as(apply.describe()).isEqualTo(1);
    assertThat(apply.stderr())
        .contains("bad.yaml:22: spec.rules[0].backendRefs[0].weight: -3 (expected: 0..1000000)")
        .contains("bad.yaml:31: spec.ports[0].port: 70000 (expected: 1..65535)");
    CommandResult services = cli("get", "services", "-o", "json");
    assertThat(services.stdout()).doesNotContain("fine");
  }

  @Test
  void dryRunValidatesWithoutChangingAnything() {
    CommandResult dryRun = cli("apply", "-f", EXAMPLES.toString(), "--dry-run");
    assertThat(dryRun.exitCode()).as(dryRun.describe()).isZero();
    assertThat(dryRun.stdout()).contains("service/catalog created (dry run)");
    assertThat(cli("get", "services").stdout()).doesNotContain("catalog");
  }

  @Test
  void stateSurvivesARestartAndAKill() {
    assertThat(cli("apply", "-f", EXAMPLES.toString()).exitCode()).isZero();

    started.get(0).close();
    url = startControl();
    assertThat(cli("get", "httproutes").stdout()).contains("catalog-split");

    started.get(1).kill();
    url = startControl();
    assertThat(cli("get", "services").stdout()).contains("catalog", "inventory", "reviews");
  }

  @Test
  void adminApiRefusesMissingAndWrongTokens() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> none = http.send(
        HttpRequest.newBuilder(URI.create(url + "/v1/resources/services")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> wrong = http.send(
        HttpRequest.newBuilder(URI.create(url + "/v1/resources/services"))
            .header("Authorization", "Bearer not-the-token").build(),
        HttpResponse.BodyHandlers.ofString());
    String token = Files.readString(dataDir.resolve("admin-token")).strip();
    HttpResponse<String> right = http.send(
        HttpRequest.newBuilder(URI.create(url + "/v1/resources/services"))
            .header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(right.statusCode()).isEqualTo(200);
    CommandResult cliWithWrongToken = dist.run("get", "services", "--control", url,
        "--token", "not-the-token");
    assertThat(cliWithWrongToken.exitCode()).isEqualTo(1);
    assertThat(cliWithWrongToken.stderr()).contains("401");
  }

  @Test
  void unreachableControlPlaneIsAClearError() {
    started.get(0).close();
    CommandResult result = cli("get", "services");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("cannot reach the control plane at " + url);
  }

  private String startControl() {
    TrellisProcess control = dist.start("control", "--data-dir", dataDir.toString(),
        "--listen", "127.0.0.1:0");
    started.add(control);
    return control.awaitOutput(LISTENING, Duration.ofSeconds(30)).group(1);
  }

  private CommandResult cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--control", url, "--data-dir", dataDir.toString()));
    return dist.run(all.toArray(String[]::new));
  }
}
