package dev.trellis.bench.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.bench.load.LoadResult;
import dev.trellis.bench.load.WindowListener;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The gRPC backend and the open-loop client, over real sockets on 127.0.0.1. */
class GrpcOpenLoopTest {

  @Test
  void theBackendAnswersAGrpcJavaClientWithTheFixedMessage() throws Exception {
    try (FixedGrpcServer server = FixedGrpcServer.start(0, 1024)) {
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      try {
        byte[] answer = ClientCalls.blockingUnaryCall(channel, BenchMethod.UNARY,
            CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), new byte[] {1, 2, 3});

        assertThat(answer).hasSize(1024).containsOnly((byte) 'x');
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void countsEveryCallOfTheWindowAndTellsTheListenerOnceEach() throws Exception {
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    WindowListener listener = new WindowListener() {
      @Override
      public void windowOpened() {
        opened.incrementAndGet();
      }

      @Override
      public void windowClosed() {
        closed.incrementAndGet();
      }
    };
    try (FixedGrpcServer server = FixedGrpcServer.start(0, 1024);
        GrpcOpenLoop load = new GrpcOpenLoop("127.0.0.1", server.port(), 2, 1024)) {
      LoadResult result = load.run(200, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(5), listener);

      // 200/s over 0.6 s = 120 calls, of which the last 100 are in the window
      assertThat(result.completed()).isEqualTo(100);
      assertThat(result.errors()).isZero();
      assertThat(result.latencyNanos().getTotalCount()).isEqualTo(100);
      assertThat(result.latencyMicros(50)).isPositive();
      assertThat(opened).hasValue(1);
      assertThat(closed).hasValue(1);
    }
  }

  @Test
  void countsAnswersOfTheWrongSizeAsErrors() throws Exception {
    try (FixedGrpcServer server = FixedGrpcServer.start(0, 10);
        GrpcOpenLoop load = new GrpcOpenLoop("127.0.0.1", server.port(), 1, 1024)) {
      LoadResult result = load.run(100, Duration.ZERO, Duration.ofMillis(200), Duration.ofSeconds(5), WindowListener.NONE);

      assertThat(result.completed()).isZero();
      assertThat(result.errors()).isEqualTo(20);
    }
  }

  @Test
  void countsANonZeroGrpcStatusAsAnError() throws Exception {
    // Answers the benchmark's first call (the readiness check) and fails every later one.
    AtomicInteger calls = new AtomicInteger();
    ServerServiceDefinition failing = ServerServiceDefinition.builder("trellis.bench.Bench")
        .addMethod(BenchMethod.UNARY, ServerCalls.asyncUnaryCall((request, answer) -> {
          if (calls.getAndIncrement() == 0) {
            answer.onNext(new byte[1024]);
            answer.onCompleted();
          } else {
            answer.onError(Status.RESOURCE_EXHAUSTED.withDescription("busy").asRuntimeException());
          }
        }))
        .build();
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .directExecutor().addService(failing).build().start();
    try (GrpcOpenLoop load = new GrpcOpenLoop("127.0.0.1", server.getPort(), 1, 1024)) {
      LoadResult result = load.run(100, Duration.ZERO, Duration.ofMillis(200), Duration.ofSeconds(5), WindowListener.NONE);

      assertThat(result.completed()).isZero();
      assertThat(result.errors()).isEqualTo(20);
    } finally {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void refusesToStartWhenTheMethodIsNotServedNamingTheStatus() throws Exception {
    Server empty = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).build().start();
    try {
      assertThatThrownBy(() -> new GrpcOpenLoop("127.0.0.1", empty.getPort(), 1, 1024))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("gRPC call to 127.0.0.1:" + empty.getPort() + " failed")
          .hasMessageContaining("UNIMPLEMENTED");
    } finally {
      empty.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
