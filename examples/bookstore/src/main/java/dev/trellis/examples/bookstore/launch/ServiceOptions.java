package dev.trellis.examples.bookstore.launch;

import picocli.CommandLine.Option;

/**
 * The flags every bookstore service takes. Each also reads an environment variable, so a
 * launcher may set either.
 */
public final class ServiceOptions {

  @Option(names = "--port", defaultValue = "${env:PORT:-0}", paramLabel = "PORT",
      description = "Port on 127.0.0.1 to listen on; 0 picks a free one (env PORT; default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--instance", defaultValue = "${env:INSTANCE:-}", paramLabel = "NAME",
      description = "Name of this instance, shown in answers (env INSTANCE; default: <service>-<pid>).")
  String instance;

  public int port() {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port: " + port + " (expected: 0..65535)");
    }
    return port;
  }

  /** The instance name, or {@code <service>-<pid>} when none was given. */
  public String instance(String service) {
    return instance == null || instance.isBlank() ? service + "-" + ProcessHandle.current().pid() : instance;
  }
}
