package dev.trellis.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.control.Mesh;
import dev.trellis.control.RawHttp;
import dev.trellis.control.TestControlPlane;
import dev.trellis.control.server.ControlPlane;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipelined HTTP/1.1 requests are answered in the order they were sent, each after the last. */
class PipeliningTest {
  @TempDir Path dataDir;
  ControlPlane control;

  @BeforeEach
  void start() throws Exception {
    control = TestControlPlane.start(dataDir);
  }

  @AfterEach
  void stop() {
    control.close();
  }

  @Test
  void aReadAfterAnApplyInTheSameWriteSeesTheApply() throws Exception {
    try (RawHttp socket = new RawHttp(control.address())) {
      socket.send(RawHttp.request("POST", "/v1/apply", control.token(), Mesh.service("x"))
          + RawHttp.request("GET", "/v1/resources/services/x", control.token(), null)
          + RawHttp.request("GET", "/healthz", control.token(), null));

      RawHttp.Answer apply = socket.read();
      RawHttp.Answer get = socket.read();
      RawHttp.Answer health = socket.read();

      assertThat(apply.status()).as(apply.body()).isEqualTo(200);
      assertThat(apply.body()).contains("\"action\":\"created\"");
      assertThat(get.status()).as(get.body()).isEqualTo(200);
      assertThat(get.body()).contains("\"name\":\"x\"");
      assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    }
  }
}
