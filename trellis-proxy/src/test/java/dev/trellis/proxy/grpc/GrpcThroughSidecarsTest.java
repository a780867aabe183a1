package dev.trellis.proxy.grpc;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.UpstreamPort;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.EndpointHealth;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.testing.GrpcEchoApp;
import dev.trellis.proxy.testing.Sidecars;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * grpc-java client -> caller sidecar (upstream port, h2c) ==h2==> callee sidecar -> grpc-java
 * server (h2c): every call shape, deadlines, error statuses with trailers, and the proxy's own
 * errors as gRPC statuses.
 */
class GrpcThroughSidecarsTest {
  static final ServiceKey ECHO = ServiceKey.of("echo");
  static final ServiceKey EMPTY = ServiceKey.of("empty");
  static final ServiceKey DOWN = ServiceKey.of("down");

  static GrpcEchoApp app;
  static SidecarProxy callee;
  static SidecarProxy deadCallee;
  static SidecarProxy caller;
  static ManagedChannel channel;

  @BeforeAll
  static void start() throws Exception {
    app = GrpcEchoApp.start("echo-1");
    callee = Sidecars.serving(ECHO, app.port());
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    deadCallee = Sidecars.serving(DOWN, closedPort);
    caller = Sidecars.calling(UpstreamPort.of(ECHO), UpstreamPort.of(EMPTY), UpstreamPort.of(DOWN));
    Sidecars.apply(
        List.of(
            service("echo", AppProtocol.GRPC, endpointOf("e1", callee)),
            service("empty", AppProtocol.GRPC, endpointOf("x1", callee, EndpointHealth.UNHEALTHY)),
            service("down", AppProtocol.GRPC, endpointOf("d1", deadCallee))),
        caller, callee, deadCallee);
    channel = channelTo(caller.upstreamAddress(ECHO));
  }

  static ManagedChannel channelTo(InetSocketAddress address) {
    return NettyChannelBuilder.forAddress(address.getHostString(), address.getPort()).usePlaintext().build();
  }

  @AfterAll
  static void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    caller.close();
    callee.close();
    deadCallee.close();
    app.close();
  }

  static CallOptions options() {
    return CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  @Test
  void unary() {
    assertThat(ClientCalls.blockingUnaryCall(channel, GrpcEchoApp.UNARY, options(), "hi")).isEqualTo("echo-1:hi");
  }

  @Test
  void grpcAppCanUseTheOutboundListenerWithTheServiceAsAuthority() throws Exception {
    InetSocketAddress out = caller.outboundHttpAddress();
    ManagedChannel viaProxy =
        NettyChannelBuilder.forAddress(out.getHostString(), out.getPort())
            .overrideAuthority("echo.default:8080")
            .usePlaintext()
            .build();
    try {
      assertThat(ClientCalls.blockingUnaryCall(viaProxy, GrpcEchoApp.UNARY, options(), "authority"))
          .isEqualTo("echo-1:authority");
    } finally {
      viaProxy.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void serverStreaming() {
    Iterator<String> words =
        ClientCalls.blockingServerStreamingCall(channel, GrpcEchoApp.SPLIT, options(), "a b c d");
    List<String> got = new ArrayList<>();
    words.forEachRemaining(got::add);
    assertThat(got).containsExactly("a", "b", "c", "d");
  }

  @Test
  void clientStreaming() throws Exception {
    CompletableFuture<String> result = new CompletableFuture<>();
    StreamObserver<String> requests =
        ClientCalls.asyncClientStreamingCall(
            channel.newCall(GrpcEchoApp.JOIN, options()), observer(new CopyOnWriteArrayList<>(), result));
    for (String part : List.of("x", "y", "z")) {
      requests.onNext(part);
    }
    requests.onCompleted();
    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("x+y+z");
  }

  @Test
  void bidiStreaming() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    CompletableFuture<String> done = new CompletableFuture<>();
    StreamObserver<String> requests =
        ClientCalls.asyncBidiStreamingCall(channel.newCall(GrpcEchoApp.CHAT, options()), observer(received, done));
    for (int i = 0; i < 50; i++) {
      requests.onNext("m" + i);
    }
    requests.onCompleted();
    done.get(10, TimeUnit.SECONDS);
    assertThat(received).hasSize(50).startsWith("re:m0").endsWith("re:m49");
  }

  @Test
  void errorStatusAndTrailersPassThrough() {
    assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, GrpcEchoApp.FAIL, options(), "nope"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
              assertThat(e.getStatus().getDescription()).isEqualTo("refused: nope");
              assertThat(e.getTrailers().get(GrpcEchoApp.DETAIL)).isEqualTo("why=nope");
            });
  }

  @Test
  void deadlineIsEnforcedAndTheCallCancelledUpstream() {
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                ClientCalls.blockingUnaryCall(
                    channel, GrpcEchoApp.NEVER, CallOptions.DEFAULT.withDeadlineAfter(300, TimeUnit.MILLISECONDS), "x"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    // The channel still works after the cancelled stream.
    assertThat(ClientCalls.blockingUnaryCall(channel, GrpcEchoApp.UNARY, options(), "after")).isEqualTo("echo-1:after");
  }

  @Test
  void noHealthyEndpointIsUnavailableWithTheReason() throws Exception {
    ManagedChannel empty = channelTo(caller.upstreamAddress(EMPTY));
    try {
      assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(empty, GrpcEchoApp.UNARY, options(), "x"))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(e.getStatus().getDescription())
                    .isEqualTo("no healthy endpoint: empty (1 registered, 0 healthy)");
              });
    } finally {
      empty.shutdownNow();
    }
  }

  @Test
  void localAppDownIsUnavailableNamingTheApp() throws Exception {
    ManagedChannel down = channelTo(caller.upstreamAddress(DOWN));
    try {
      assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(down, GrpcEchoApp.UNARY, options(), "x"))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(e.getStatus().getDescription()).startsWith("local app connect refused: down 127.0.0.1:");
              });
    } finally {
      down.shutdownNow();
    }
  }

  private static StreamObserver<String> observer(List<String> received, CompletableFuture<String> done) {
    return new StreamObserver<>() {
      @Override
      public void onNext(String value) {
        received.add(value);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        done.complete(received.isEmpty() ? "" : received.get(received.size() - 1));
      }
    };
  }
}
