package dev.trellis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.testkit.process.CommandResult;
import dev.trellis.testkit.process.ControlPlaneProcess;
import dev.trellis.testkit.process.Distribution;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane as a user runs it: {@code trellis control} as a real process, driven by the
 * {@code trellis} CLI in other processes, restarted and killed along the way.
 */
class ControlPlaneIT {
  private static final Path EXAMPLES = Path.of("..", "examples", "mesh").toAbsolutePath().normalize();

  private final Distribution dist = Distribution.fromSystemProperty();
  private final List<ControlPlaneProcess> started = new ArrayList<>();

  @TempDir Path dataDir;
  @TempDir Path work;
  private ControlPlaneProcess control;

  @BeforeEach
  void startControlPlane() {
    control = startControl();
  }

  @AfterEach
  void stopEverything() {
    started.forEach(ControlPlaneProcess::close);
  }

  @Test
  void applyGetDeleteRoundTrip() {
    CommandResult apply = ok(control.cli("apply", "-f", EXAMPLES.toString()));
    assertThat(apply.stdout()).contains("service/catalog created", "httproute/catalog-split created",
        "trafficpolicy/catalog created", "meshconfig/default created");

    CommandResult again = ok(control.cli("apply", "-f", EXAMPLES.resolve("services.yaml").toString()));
    assertThat(again.stdout()).contains("service/catalog unchanged");

    CommandResult services = ok(control.cli("get", "services"));
    assertThat(services.stdout()).contains("NAME", "catalog", "catalog-v2", "inventory", "reviews");

    CommandResult route = ok(control.cli("get", "httproute", "catalog-split", "-o", "yaml"));
    assertThat(route.stdout()).contains("kind: HTTPRoute", "name: catalog-split", "weight: 90");

    CommandResult json = ok(control.cli("get", "services", "catalog", "-o", "json"));
    assertThat(json.stdout()).contains("\"kind\" : \"Service\"", "\"appProtocol\" : \"http\"");

    CommandResult delete = ok(control.cli("delete", "httproute", "catalog-split"));
    assertThat(delete.stdout()).contains("httproute/catalog-split deleted");
    CommandResult gone = control.cli("get", "httproute", "catalog-split");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.stderr()).contains("not found");
  }

  @Test
  void getOutputAppliesBackUnchanged() throws IOException {
    ok(control.cli("apply", "-f", EXAMPLES.toString()));
    Path exported = work.resolve("exported.yaml");
    Files.writeString(exported, ok(control.cli("get", "httproutes", "-o", "yaml")).stdout());

    CommandResult reapplied = ok(control.cli("apply", "-f", exported.toString()));

    assertThat(reapplied.stdout()).contains("httproute/catalog-split unchanged");
  }

  @Test
  void deleteRefusesAServiceThatRoutesStillUse() {
    ok(control.cli("apply", "-f", EXAMPLES.toString()));
    CommandResult delete = control.cli("delete", "service", "catalog-v2");
    assertThat(delete.exitCode()).as(delete.describe()).isEqualTo(1);
    assertThat(delete.stderr()).contains("HTTPRoute default/catalog-split");
    ok(control.cli("get", "service", "catalog-v2"));
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
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: dangling
        spec:
          parentRefs:
            - kind: Service
              group: ""
              name: fine
          rules:
            - backendRefs:
                - name: nowhere
        """);

    CommandResult apply = control.cli("apply", "-f", file.toString());

    assertThat(apply.exitCode()).as(apply.describe()).isEqualTo(1);
    assertThat(apply.stderr())
        .contains("bad.yaml:22: spec.rules[0].backendRefs[0].weight: -3 (expected: 0..1000000)")
        .contains("bad.yaml:31: spec.ports[0].port: 70000 (expected: 1..65535)")
        .contains("bad.yaml:44: spec.rules[0].backendRefs[0]: nowhere (expected: an existing Service default/nowhere)");
    CommandResult services = ok(control.cli("get", "services", "-o", "json"));
    assertThat(services.stdout().strip()).isEqualTo("[ ]");
  }

  @Test
  void dryRunValidatesWithoutChangingAnything() {
    CommandResult dryRun = ok(control.cli("apply", "-f", EXAMPLES.toString(), "--dry-run"));
    assertThat(dryRun.stdout()).contains("service/catalog created (dry run)");
    CommandResult services = ok(control.cli("get", "services"));
    assertThat(services.stdout()).isEmpty();
    assertThat(services.stderr()).contains("No services found.");
  }

  @Test
  void stateSurvivesARestartAndAKill() {
    ok(control.cli("apply", "-f", EXAMPLES.toString()));

    control.close();
    control = startControl();
    assertThat(ok(control.cli("get", "httproutes")).stdout()).contains("catalog-split");

    // A change acknowledged just before a SIGKILL must be on disk: acknowledged means fsynced.
    ok(control.cli("delete", "httproute", "catalog-split"));
    control.kill();
    control = startControl();
    assertThat(ok(control.cli("get", "services")).stdout()).contains("catalog", "inventory", "reviews");
    CommandResult route = control.cli("get", "httproute", "catalog-split");
    assertThat(route.exitCode()).as(route.describe()).isEqualTo(1);
  }

  @Test
  void adminApiRefusesMissingAndWrongTokens() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI services = URI.create(control.url() + "/v1/resources/services");
    HttpResponse<String> none = http.send(HttpRequest.newBuilder(services).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(services)
        .header("Authorization", "Bearer not-the-token").build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> right = http.send(HttpRequest.newBuilder(services)
        .header("Authorization", "Bearer " + control.token()).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(right.statusCode()).isEqualTo(200);
    CommandResult cliWithWrongToken = dist.run("get", "services", "--control", control.url(),
        "--token", "not-the-token");
    assertThat(cliWithWrongToken.exitCode()).isEqualTo(1);
    assertThat(cliWithWrongToken.stderr()).contains("401", "refused the admin token from --token");
  }

  @Test
  void unreachableControlPlaneIsAClearError() {
    String url = control.url();
    control.close();
    CommandResult result = control.cli("get", "services");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("cannot reach the control plane at " + url);
  }

  private ControlPlaneProcess startControl() {
    ControlPlaneProcess process = ControlPlaneProcess.start(dist, dataDir);
    started.add(process);
    return process;
  }

  private static CommandResult ok(CommandResult result) {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    return result;
  }
}
