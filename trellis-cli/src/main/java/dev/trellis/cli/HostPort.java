package dev.trellis.cli;

/** A {@code host:port} given on the command line, e.g. {@code --listen 127.0.0.1:7420}. */
public record HostPort(String host, int port) {

  /**
   * Parses {@code value}; a bare port means loopback. Port 0 asks for any free port.
   *
   * @param option the option it came from, for the error message
   */
  public static HostPort parse(String option, String value) {
    int colon = value.lastIndexOf(':');
    String host = colon < 0 ? "127.0.0.1" : value.substring(0, colon);
    String port = colon < 0 ? value : value.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int number = Integer.parseInt(port);
      if (number < 0 || number > 65535 || host.isEmpty()) {
        throw new NumberFormatException();
      }
      return new HostPort(host, number);
    } catch (NumberFormatException e) {
      throw new UserError(option + ": " + value + " (expected: HOST:PORT with PORT 0..65535)");
    }
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
