package dev.trellis.bench.cli;

import dev.trellis.bench.backend.StreamSourceServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench stream-source}: the far end of the TCP stream workload, in the foreground until
 * SIGTERM. Prints {@code listening 127.0.0.1:PORT} once it accepts connections.
 */
@Command(name = "stream-source", mixinStandardHelpOptions = true,
    description = "TCP server that writes endless bytes to every connection.")
public final class StreamSourceCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1; 0 picks a free one (default).")
  int port;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    StreamSourceServer server = StreamSourceServer.start(port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "bench-stream-source-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("listening 127.0.0.1:" + server.port());
    out.flush();
    stopped.await();
    return 0;
  }
}
