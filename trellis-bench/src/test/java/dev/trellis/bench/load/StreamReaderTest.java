package dev.trellis.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.bench.backend.StreamSourceServer;
import dev.trellis.bench.net.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class StreamReaderTest {

  @Test
  void countsTheBytesOfTheWindowOnlyAndTellsTheListener() throws Exception {
    List<String> events = new ArrayList<>();
    WindowListener listener = new WindowListener() {
      @Override
      public void windowOpened() {
        events.add("opened");
      }

      @Override
      public void windowClosed() {
        events.add("closed");
      }
    };
    try (StreamSourceServer source = StreamSourceServer.start(0);
        StreamReader reader = new StreamReader(Transport.best(), System::nanoTime)) {
      StreamResult result = reader.run("127.0.0.1", source.port(), 2, Duration.ofMillis(100),
          Duration.ofMillis(300), listener);

      assertThat(result.lost()).isZero();
      assertThat(result.windowNanos()).isBetween(250_000_000L, 2_000_000_000L);
      // loopback moves far more than 1 MiB in 0.3 s even on a busy machine
      assertThat(result.bytes()).isGreaterThan(1024 * 1024);
      assertThat(result.mibPerSecond()).isPositive();
      assertThat(events).containsExactly("opened", "closed");
    }
  }

  @Test
  void aSourceThatHangsUpCountsAsALostConnection() throws Exception {
    CountDownLatch windowOpen = new CountDownLatch(1);
    WindowListener listener = new WindowListener() {
      @Override
      public void windowOpened() {
        windowOpen.countDown();
      }

      @Override
      public void windowClosed() {}
    };
    try (ServerSocket closer = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        StreamReader reader = new StreamReader(Transport.best(), System::nanoTime)) {
      // accepts, sends 1000 bytes once the window is open, then hangs up 150 ms later
      Thread.ofPlatform().daemon().start(() -> {
        try (Socket socket = closer.accept()) {
          windowOpen.await();
          socket.getOutputStream().write(new byte[1000]);
          socket.setSoTimeout(150);
          InputStream in = socket.getInputStream();
          in.read(); // nothing comes: returns by timeout, inside the 500 ms window
        } catch (IOException | InterruptedException e) {
          // the timeout: close now
        }
      });

      StreamResult result = reader.run("127.0.0.1", closer.getLocalPort(), 1, Duration.ZERO,
          Duration.ofMillis(500), listener);

      assertThat(result.lost()).isEqualTo(1);
      assertThat(result.bytes()).isEqualTo(1000);
    }
  }

  @Test
  void aPortNobodyListensOnIsAnIoError() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    try (StreamReader reader = new StreamReader(Transport.best(), System::nanoTime)) {
      assertThatThrownBy(() -> reader.run("127.0.0.1", port, 1, Duration.ZERO, Duration.ofMillis(100),
          WindowListener.NONE))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("connection 0 to 127.0.0.1:" + port + " failed");
    }
  }
}
