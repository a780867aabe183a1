package dev.trellis.bench.grpc;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC backend of the gRPC workload: a grpc-java server on 127.0.0.1, plaintext HTTP/2
 * (h2c), answering every call of {@link BenchMethod#UNARY} with the same fixed payload.
 *
 * <p>Calls run on the transport's event loop ({@code directExecutor}): the answer is a constant,
 * so nothing blocks, and no thread hand-off is measured that a real service would choose for
 * itself. Thread-safe; {@link #close} stops it and waits up to 5 seconds.
 *
 * <pre>{@code
 * try (FixedGrpcServer server = FixedGrpcServer.start(0, 1024)) { ... server.port() ... }
 * }</pre>
 */
public final class FixedGrpcServer implements AutoCloseable {

  private final Server server;

  private FixedGrpcServer(Server server) {
    this.server = server;
  }

  /**
   * Starts listening on 127.0.0.1.
   *
   * @param port         0 picks a free one
   * @param payloadBytes size of every answer's message; at least 0
   */
  public static FixedGrpcServer start(int port, int payloadBytes) {
    if (payloadBytes < 0) {
      throw new IllegalArgumentException("payloadBytes: " + payloadBytes + " (expected: >= 0)");
    }
    byte[] payload = new byte[payloadBytes];
    Arrays.fill(payload, (byte) 'x');
    ServerServiceDefinition service = ServerServiceDefinition.builder("trellis.bench.Bench")
        .addMethod(BenchMethod.UNARY, ServerCalls.asyncUnaryCall((request, answer) -> {
          answer.onNext(payload);
          answer.onCompleted();
        }))
        .build();
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
        .directExecutor()
        .addService(service)
        .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("gRPC backend on 127.0.0.1:" + port, e);
    }
    return new FixedGrpcServer(server);
  }

  /** The port it listens on. */
  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
