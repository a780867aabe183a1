package dev.trellis.control.health;

import dev.trellis.config.policy.HealthCheck;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Healthy when a TCP connection opens within the timeout; the connection is closed at once. */
final class TcpProbe implements Probe {

  @Override
  public ProbeResult check(String address, int port, HealthCheck check) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), (int) check.timeout().toMillis());
      return new ProbeResult(true, "TCP connect: ok");
    } catch (IOException e) {
      return new ProbeResult(false, "TCP connect: " + HttpProbe.describe(e, check));
    }
  }
}
