package dev.trellis.bench.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bench ports N}: prints N distinct free ports on 127.0.0.1, one per line, for the
 * processes whose configuration needs a port written in it (HAProxy and nginx cannot report a
 * port the kernel chose). The ports are held open together while choosing, so they differ;
 * another process could still take one before it is used, which the harness notices when the
 * proxy fails to start.
 */
@Command(name = "ports", mixinStandardHelpOptions = true, description = "Print free ports on 127.0.0.1.")
public final class PortsCommand implements Callable<Integer> {

  @Parameters(paramLabel = "N", description = "How many ports (1..64).")
  int count;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (count < 1 || count > 64) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "N: " + count + " (expected: 1..64)");
    }
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      held.forEach(socket -> spec.commandLine().getOut().println(socket.getLocalPort()));
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
