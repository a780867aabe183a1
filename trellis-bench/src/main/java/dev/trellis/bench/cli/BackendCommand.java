package dev.trellis.bench.cli;

import dev.trellis.bench.backend.FixedResponseServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench backend}: the fixed-response HTTP server every row sends to, in the foreground
 * until SIGTERM. Prints {@code listening 127.0.0.1:PORT} once it accepts connections.
 */
@Command(name = "backend", mixinStandardHelpOptions = true,
    description = "HTTP/1.1 server answering every request with 200 and a fixed body.")
public final class BackendCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1; 0 picks a free one (default).")
  int port;

  @Option(names = "--body-bytes", defaultValue = "1024", description = "Response body size (default: ${DEFAULT-VALUE}).")
  int bodyBytes;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    FixedResponseServer server = FixedResponseServer.start(port, bodyBytes);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "bench-backend-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("listening 127.0.0.1:" + server.port());
    out.flush();
    stopped.await();
    return 0;
  }
}
