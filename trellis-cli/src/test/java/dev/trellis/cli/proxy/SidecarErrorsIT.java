package dev.trellis.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.testkit.app.ScriptedApp;
import dev.trellis.testkit.client.Curl;
import dev.trellis.testkit.process.CommandResult;
import dev.trellis.testkit.process.ControlPlaneProcess;
import dev.trellis.testkit.process.Distribution;
import dev.trellis.testkit.process.SidecarProcess;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests the mesh cannot serve, seen with curl through a caller's sidecar: each gets a status
 * that fits and an {@code x-trellis-error} naming what failed, and the sidecars stay up.
 *
 * <ul>
 *   <li>{@code nosuch}: no such service anywhere;</li>
 *   <li>{@code ghost}: one instance, its health check failing;</li>
 *   <li>{@code orders}: a live sidecar whose application has stopped;</li>
 *   <li>{@code billing}: an instance whose sidecar was killed (still registered, nobody listens).</li>
 * </ul>
 */
class SidecarErrorsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir static Path dir;
  private static ControlPlaneProcess control;
  private static ScriptedApp ghostApp;
  private static ScriptedApp ordersApp;
  private static ScriptedApp billingApp;
  private static SidecarProcess ghost;
  private static SidecarProcess orders;
  private static SidecarProcess billing;
  private static SidecarProcess web;

  @BeforeAll
  static void startMesh() throws Exception {
    Distribution dist = Distribution.fromSystemProperty();
    control = ControlPlaneProcess.start(dist, Files.createDirectory(dir.resolve("control")));
    Path mesh = dir.resolve("mesh.yaml");
    Files.writeString(mesh, """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: web}
        spec: {ports: [{name: http, port: 8080}]}
        ---
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: ghost}
        spec: {ports: [{name: http, port: 8080}]}
        ---
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: orders}
        spec: {ports: [{name: http, port: 8080}]}
        ---
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: billing}
        spec: {ports: [{name: http, port: 8080}]}
        ---
        apiVersion: trellis.dev/v1alpha1
        kind: TrafficPolicy
        metadata: {name: ghost-health}
        spec:
          targetRef: {kind: Service, name: ghost}
          healthCheck:
            type: HTTP
            http: {path: /healthz}
            interval: 200ms
            timeout: 150ms
            unhealthyThreshold: 1
        """);
    CommandResult applied = control.cli("apply", "-f", mesh.toString());
    assertThat(applied.exitCode()).as(applied.describe()).isZero();

    ghostApp = ScriptedApp.start("ghost-1");
    ghostApp.healthStatus(500);
    ordersApp = ScriptedApp.start("orders-1");
    billingApp = ScriptedApp.start("billing-1");
    ghost = sidecar(dist, "ghost", ghostApp);
    orders = sidecar(dist, "orders", ordersApp);
    billing = sidecar(dist, "billing", billingApp);
    web = SidecarProcess.builder(dist, control, "web", Files.createDirectory(dir.resolve("web")))
        .appPort(8080, 1).start();
  }

  private static SidecarProcess sidecar(Distribution dist, String service, ScriptedApp app) throws Exception {
    return SidecarProcess.builder(dist, control, service, Files.createDirectory(dir.resolve(service)))
        .appPort(8080, app.port()).start();
  }

  @AfterAll
  static void stopMesh() {
    for (AutoCloseable closeable : new AutoCloseable[] {web, ghost, orders, billing, ghostApp, ordersApp,
        billingApp, control}) {
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
  void anUnknownServiceIs404NamingIt() {
    Curl.Result result = curl("http://nosuch/books");

    assertThat(result.stdout()).as(result.describe())
        .startsWith("HTTP/1.1 404").containsIgnoringCase("x-trellis-error: unknown service: nosuch");
    assertThat(web.process().isAlive()).isTrue();
  }

  @Test
  void aServiceWithoutHealthyEndpointsIs503CountingThem() {
    // The first request makes the sidecar watch ghost; its instance turns unhealthy on the first
    // failed check.
    await().atMost(WAIT).untilAsserted(() -> {
      Curl.Result result = curl("http://ghost/");
      assertThat(result.stdout()).as(result.describe()).startsWith("HTTP/1.1 503")
          .containsIgnoringCase("x-trellis-error: no healthy endpoint: ghost (1 registered, 0 healthy)");
    });
    assertThat(ghostApp.served()).isZero();
  }

  @Test
  void anApplicationThatStoppedBehindALiveSidecarIs502NamingTheLocalApp() {
    await().atMost(WAIT).untilAsserted(() -> assertThat(curl("http://orders/").stdout()).startsWith("HTTP/1.1 200"));
    ordersApp.close();

    Curl.Result result = curl("http://orders/");

    assertThat(result.stdout()).as(result.describe()).startsWith("HTTP/1.1 502")
        .containsIgnoringCase("x-trellis-error: local app connect refused: orders 127.0.0.1:" + ordersApp.port());
    assertThat(orders.process().isAlive()).isTrue();
    assertThat(web.process().isAlive()).isTrue();
  }

  @Test
  void aSidecarThatDiedWithoutLeavingIs502NamingTheEndpoint() {
    await().atMost(WAIT).untilAsserted(() -> assertThat(curl("http://billing/").stdout()).startsWith("HTTP/1.1 200"));
    billing.process().kill();
    billing.process().waitFor(WAIT);

    // Its lease (15 s) keeps it registered for a while: nobody accepts at its inbound address.
    Curl.Result result = curl("http://billing/");

    assertThat(result.stdout()).as(result.describe()).startsWith("HTTP/1.1 502")
        .containsIgnoringCase("x-trellis-error: upstream connect refused: billing 127.0.0.1:"
            + billing.inbound().getPort());
    assertThat(web.process().isAlive()).isTrue();
  }

  @Test
  void garbageInsteadOfHttpIs400AndTheSidecarStaysUp() throws IOException {
    // A plain socket, read to the end: curl's telnet mode may quit when its input ends, before
    // the answer arrives.
    String answer;
    try (Socket socket = new Socket("127.0.0.1", web.outboundHttp().getPort())) {
      socket.setSoTimeout((int) WAIT.toMillis());
      socket.getOutputStream().write("NONSENSE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    assertThat(answer).startsWith("HTTP/1.1 400").contains("x-trellis-error: malformed request");
    assertThat(curl("http://nosuch/").stdout()).startsWith("HTTP/1.1 404");
  }

  private static Curl.Result curl(String url) {
    return Curl.run("-sS", "-i", "-x", web.proxyUrl(), url);
  }
}
