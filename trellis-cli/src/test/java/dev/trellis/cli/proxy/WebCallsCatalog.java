package dev.trellis.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.testkit.app.ScriptedApp;
import dev.trellis.testkit.client.Curl;
import dev.trellis.testkit.process.CommandResult;
import dev.trellis.testkit.process.ControlPlaneProcess;
import dev.trellis.testkit.process.Distribution;
import dev.trellis.testkit.process.SidecarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The smallest mesh as users run it, shared by the end-to-end tests that send traffic through it:
 * {@code trellis control}, a {@code catalog} application (answering with its name, "catalog-1")
 * behind its own {@code trellis proxy}, and a {@code web} sidecar that calls it, both as an HTTP
 * proxy and through an upstream port named {@code catalog}.
 *
 * <pre>
 *   client --&gt; web sidecar ==h2==&gt; catalog sidecar --&gt; catalog app
 * </pre>
 *
 * <p>{@link #start} returns once a request through {@code web} reaches the application.
 */
final class WebCallsCatalog implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private ControlPlaneProcess control;
  private ScriptedApp catalogApp;
  private SidecarProcess catalog;
  private SidecarProcess web;

  private WebCallsCatalog() {}

  /** Starts the mesh with its files under {@code dir}; closes what started if a step fails. */
  static WebCallsCatalog start(Path dir) throws Exception {
    WebCallsCatalog mesh = new WebCallsCatalog();
    try {
      mesh.startAll(dir);
      return mesh;
    } catch (Exception | AssertionError e) {
      mesh.close();
      throw e;
    }
  }

  private void startAll(Path dir) throws Exception {
    Distribution dist = Distribution.fromSystemProperty();
    control = ControlPlaneProcess.start(dist, Files.createDirectory(dir.resolve("control")));
    Path mesh = dir.resolve("mesh.yaml");
    Files.writeString(mesh, """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: catalog}
        spec:
          ports: [{name: http, port: 8080, appProtocol: http}]
        ---
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: web}
        spec:
          ports: [{name: http, port: 8080, appProtocol: http}]
        """);
    CommandResult applied = control.cli("apply", "-f", mesh.toString());
    assertThat(applied.exitCode()).as(applied.describe()).isZero();

    catalogApp = ScriptedApp.start("catalog-1");
    catalog = SidecarProcess.builder(dist, control, "catalog", Files.createDirectory(dir.resolve("catalog")))
        .appPort(8080, catalogApp.port()).start();
    web = SidecarProcess.builder(dist, control, "web", Files.createDirectory(dir.resolve("web")))
        .appPort(8080, 1).upstream("catalog").start();
    // Ready means in sync; the catalog instance may have registered just before: wait to see it.
    await().atMost(WAIT).untilAsserted(() -> assertThat(
        Curl.run("-sS", "-o", "/dev/null", "-w", "%{http_code}", "-x", web.proxyUrl(), "http://catalog/")
            .stdout()).isEqualTo("200"));
  }

  /** The caller's sidecar. */
  SidecarProcess web() {
    return web;
  }

  /** The callee's sidecar, in front of the catalog application. */
  SidecarProcess catalog() {
    return catalog;
  }

  @Override
  public void close() {
    for (AutoCloseable closeable : new AutoCloseable[] {web, catalog, catalogApp, control}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }
}
