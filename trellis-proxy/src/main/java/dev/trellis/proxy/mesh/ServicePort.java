package dev.trellis.proxy.mesh;

/** One port a service declares, with the protocol spoken on it. */
public record ServicePort(int port, AppProtocol protocol) {
  public ServicePort {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
    }
  }
}
