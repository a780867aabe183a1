package dev.trellis.control.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import dev.trellis.config.ResourceKind;
import dev.trellis.control.TestControlPlane;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneTest {
  @TempDir Path dataDir;

  @Test
  void listensOnLoopbackOnTheBoundPort() throws Exception {
    try (ControlPlane control = TestControlPlane.start(dataDir);
        ControlClient client = TestControlPlane.client(control)) {
      assertThat(control.address().getAddress().isLoopbackAddress()).isTrue();
      assertThat(control.address().getPort()).isPositive();
      assertThat(control.uri().toString()).isEqualTo("http://127.0.0.1:" + control.address().getPort());
      assertThat(client.healthy()).isTrue();
    }
  }

  @Test
  void aPortInUseIsAnIOException() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      ControlPlaneOptions options = TestControlPlane.options(dataDir, Clock.systemUTC())
          .withPort(taken.getLocalPort());
      assertThatThrownBy(() -> ControlPlane.start(options)).isInstanceOf(IOException.class)
          .hasMessageContaining("Address already in use");
    }
  }

  @Test
  void closeIsIdempotent() throws Exception {
    ControlPlane control = TestControlPlane.start(dataDir);
    control.close();
    control.close();
    try (ControlClient client = ControlClient.create(control.uri(), control.token())) {
      assertThat(client.healthy()).isFalse();
      ControlApiException unreachable = catchThrowableOfType(ControlApiException.class,
          () -> client.list(ResourceKind.SERVICE, null));
      assertThat(unreachable.status()).isZero();
      assertThat(unreachable.getCause()).isInstanceOf(IOException.class);
    }
  }
}
