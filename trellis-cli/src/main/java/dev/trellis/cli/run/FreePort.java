package dev.trellis.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks a free port on 127.0.0.1 for an application that is told its port ({@code --port 0}).
 *
 * <p>The port is free when picked and released at once, so another process could take it before
 * the application binds; the kernel hands out ephemeral ports in turn, which makes that rare,
 * and the application then fails to start with a clear bind error rather than misbehaving.
 */
public final class FreePort {
  private FreePort() {}

  public static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
    }
  }
}
