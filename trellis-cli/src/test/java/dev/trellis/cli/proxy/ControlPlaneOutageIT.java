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
import dev.trellis.testkit.process.TrellisProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data path does not depend on the control plane being up: sidecars keep serving their last
 * snapshot when it is killed, say so on their admin {@code /ready}, start from their disk cache
 * while it is away, and come back in sync once it is started again on the same data directory
 * and port.
 */
class ControlPlaneOutageIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  /**
   * Reconnection backs off (200 ms doubling, jittered, up to 30 s): after an outage of some
   * seconds the next attempt may be that far away.
   */
  private static final Duration RESYNC = Duration.ofSeconds(60);
  private static final Duration PACE = Duration.ofMillis(10);
  private static final Pattern LISTENING = Pattern.compile("listening on http://");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void sidecarsServeThroughAControlPlaneOutageAndResyncAfterIt() throws Exception {
    Distribution dist = Distribution.fromSystemProperty();
    Path controlDir = Files.createDirectory(dir.resolve("control"));
    Path cachedCallerDir = Files.createDirectory(dir.resolve("web-2"));
    ControlPlaneProcess control = ControlPlaneProcess.start(dist, controlDir);
    String url = control.url();
    String token = control.token();
    Path mesh = dir.resolve("mesh.yaml");
    Files.writeString(mesh, """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: catalog}
        spec: {ports: [{name: http, port: 8080}]}
        ---
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: web}
        spec: {ports: [{name: http, port: 8080}]}
        """);
    CommandResult applied = control.cli("apply", "-f", mesh.toString());
    assertThat(applied.exitCode()).as(applied.describe()).isZero();

    TrellisProcess restarted = null;
    SidecarProcess fromCache = null;
    try (ScriptedApp app = ScriptedApp.start("catalog-1");
        SidecarProcess catalog = SidecarProcess.builder(dist, url, token, "catalog",
                Files.createDirectory(dir.resolve("catalog")))
            .appPort(8080, app.port()).start();
        SidecarProcess web = SidecarProcess.builder(dist, url, token, "web",
                Files.createDirectory(dir.resolve("web-1")))
            .appPort(8080, 1).upstream("catalog").start()) {
      // An earlier run of a second caller leaves its last snapshot (with catalog) in its data dir.
      try (SidecarProcess earlier = SidecarProcess.builder(dist, url, token, "web", cachedCallerDir)
          .appPort(8080, 1).upstream("catalog").start()) {
        await().atMost(WAIT).until(() -> get(earlier, "catalog").exitCode() == 0
            && get(earlier, "catalog").stdout().equals("catalog-1"));
      }
      assertThat(cachedCallerDir.resolve("snapshot-default-web.json")).exists();

      try (SteadyRequests load = SteadyRequests.start(
          URI.create("http://127.0.0.1:" + web.upstreamPort("catalog") + "/books"), 2, PACE)) {
        await().atMost(WAIT).until(() -> load.answeredBy().getOrDefault("catalog-1", 0L) >= 50);
        assertThat(web.adminGet("/ready").status()).isEqualTo(200);

        control.kill();

        await().atMost(WAIT).untilAsserted(() -> {
          SidecarProcess.AdminAnswer ready = web.adminGet("/ready");
          assertThat(ready.status()).as(ready.body()).isEqualTo(503);
          assertThat(ready.body()).startsWith("not ready");
        });
        long before = load.completed();
        await().atMost(WAIT).until(() -> load.completed() >= before + 200);

        // A caller started now finds no control plane and runs on what its data dir cached.
        fromCache = SidecarProcess.builder(dist, url, token, "web", cachedCallerDir)
            .appPort(8080, 1).upstream("catalog").noWaitForReady().start();
        Curl.Result viaCache = get(fromCache, "catalog");
        assertThat(viaCache.stdout()).as(viaCache.describe()).isEqualTo("catalog-1");
        assertThat(fromCache.adminGet("/ready").status()).isEqualTo(503);
        JsonNode sync = JSON.readTree(fromCache.adminGet("/config").body()).path("sync");
        assertThat(sync.path("fromCache").asBoolean()).as(sync.toString()).isTrue();
        assertThat(sync.path("state").asText()).as(sync.toString()).isEqualTo("OUT_OF_SYNC");

        restarted = dist.start(Map.of(), "control", "--data-dir", controlDir.toString(),
            "--listen", url.substring("http://".length()));
        restarted.awaitOutput(LISTENING, WAIT);

        SidecarProcess cached = fromCache;
        await().atMost(RESYNC).untilAsserted(() -> {
          assertThat(web.adminGet("/ready").status()).isEqualTo(200);
          assertThat(cached.adminGet("/ready").status()).isEqualTo(200);
          assertThat(catalog.adminGet("/ready").status()).isEqualTo(200);
        });
        long resynced = load.completed();
        await().atMost(WAIT).until(() -> load.completed() >= resynced + 100);

        load.close();
        assertThat(load.failures()).isEmpty();
        assertThat(load.answeredBy()).containsOnlyKeys("catalog-1");
        assertThat(get(fromCache, "catalog").stdout()).isEqualTo("catalog-1");
      }
    } finally {
      if (fromCache != null) {
        fromCache.close();
      }
      if (restarted != null) {
        restarted.close();
      }
      control.close();
    }
  }

  private static Curl.Result get(SidecarProcess caller, String upstream) {
    return Curl.run("-sS", "http://127.0.0.1:" + caller.upstreamPort(upstream) + "/books");
  }
}
