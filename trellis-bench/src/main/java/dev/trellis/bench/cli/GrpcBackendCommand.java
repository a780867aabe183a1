package dev.trellis.bench.cli;

import dev.trellis.bench.grpc.FixedGrpcServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench grpc-backend}: the gRPC server every row's gRPC workload calls, in the foreground
 * until SIGTERM. Prints {@code listening 127.0.0.1:PORT} once it accepts connections.
 */
@Command(name = "grpc-backend", mixinStandardHelpOptions = true,
    description = "gRPC server (h2c) answering every /trellis.bench.Bench/Unary call with a fixed message.")
public final class GrpcBackendCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1; 0 picks a free one (default).")
  int port;

  @Option(names = "--body-bytes", defaultValue = "1024", description = "Answer message size (default: ${DEFAULT-VALUE}).")
  int bodyBytes;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    FixedGrpcServer server = FixedGrpcServer.start(port, bodyBytes);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "bench-grpc-backend-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("listening 127.0.0.1:" + server.port());
    out.flush();
    stopped.await();
    return 0;
  }
}
