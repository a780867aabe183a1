package dev.trellis.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.testkit.client.Curl;
import dev.trellis.testkit.process.SidecarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl, an HTTP/1.1 application's client, through a caller's sidecar and the callee's sidecar to
 * the callee application, as users run them: {@code trellis control}, {@code trellis proxy} per
 * instance, the caller addressing the mesh as its {@code HTTP_PROXY} or through an upstream port.
 *
 * <pre>
 *   curl --&gt; web sidecar (outbound / upstream port) ==h2==&gt; catalog sidecar --&gt; catalog app
 * </pre>
 */
class SidecarCurlIT {

  @TempDir static Path dir;
  private static WebCallsCatalog mesh;
  private static SidecarProcess catalog;
  private static SidecarProcess web;

  @BeforeAll
  static void startMesh() throws Exception {
    mesh = WebCallsCatalog.start(dir);
    catalog = mesh.catalog();
    web = mesh.web();
  }

  @AfterAll
  static void stopMesh() {
    if (mesh != null) {
      mesh.close();
    }
  }

  @Test
  void curlUsesTheSidecarAsItsHttpProxy() {
    Curl.Result result = Curl.run("-sS", "-i", "-x", web.proxyUrl(), "http://catalog/books?id=7");

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).as(result.describe())
        .startsWith("HTTP/1.1 200").containsIgnoringCase("x-app: catalog-1").endsWith("catalog-1");
  }

  @Test
  void curlReachesTheServiceThroughItsUpstreamPort() {
    Curl.Result result = Curl.run("-sS", "-i", "http://127.0.0.1:" + web.upstreamPort("catalog") + "/books");

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).as(result.describe()).startsWith("HTTP/1.1 200").endsWith("catalog-1");
  }

  @Test
  void twoRequestsShareOneKeptAliveConnection() {
    Curl.Result result = Curl.run("-sS", "-v", "-x", web.proxyUrl(), "http://catalog/a", "http://catalog/b");

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).isEqualTo("catalog-1catalog-1");
    assertThat(result.stderr()).as(result.describe()).contains("Re-using existing connection");
    assertThat(result.stderr().split("Connected to", -1)).as(result.describe()).hasSize(2);
  }

  @Test
  void curlSpeakingH2cWithPriorKnowledgeIsRoutedByAuthority() {
    // One request per curl: curl 7.88 fails to reuse a prior-knowledge connection on its own
    // side (curl/curl#10634, fixed in 8.0), whatever the server.
    Curl.Result result = Curl.run("-sS", "-i", "--http2-prior-knowledge", "-H", "Host: catalog",
        "http://127.0.0.1:" + web.outboundHttp().getPort() + "/books");

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).as(result.describe()).startsWith("HTTP/2 200").endsWith("catalog-1")
        .containsIgnoringCase("x-app: catalog-1");
  }

  @Test
  void aChunkedUploadArrivesWhole() throws Exception {
    byte[] body = new byte[3 * 1024 * 1024 + 17];
    new Random(42).nextBytes(body);
    Path file = dir.resolve("upload.bin");
    Files.write(file, body);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));

    Curl.Result result = Curl.run("-sS", "-v", "-x", web.proxyUrl(), "-H", "Transfer-Encoding: chunked",
        "--data-binary", "@" + file, "http://catalog/sha256");

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stderr()).as(result.describe()).containsIgnoringCase("> Transfer-Encoding: chunked");
    assertThat(result.stdout()).isEqualTo("sha256=" + expected + " length=" + body.length);
  }

  @Test
  void aChunkedUploadThroughTheUpstreamPortArrivesWhole() throws Exception {
    byte[] body = new byte[700_001];
    new Random(7).nextBytes(body);
    Path file = dir.resolve("upload-2.bin");
    Files.write(file, body);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));

    Curl.Result result = Curl.run("-sS", "-H", "Transfer-Encoding: chunked", "--data-binary", "@" + file,
        "http://127.0.0.1:" + web.upstreamPort("catalog") + "/sha256");

    assertThat(result.stdout()).as(result.describe()).isEqualTo("sha256=" + expected + " length=" + body.length);
  }
}
