package dev.trellis.proxy.metrics;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static dev.trellis.testkit.metrics.PrometheusText.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.UpstreamPort;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.testing.GrpcEchoApp;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.testkit.metrics.PrometheusText;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gRPC through two real sidecars with grpc-java on both ends: calls are labelled with their
 * {@code grpc-status} (HTTP says 200 for all of them), and a status about the request itself is a
 * success for the proxy.
 */
class GrpcMetricsTest {
  static final ServiceKey ECHO = ServiceKey.of("echo");
  static GrpcEchoApp app;
  static SidecarProxy callee;
  static SidecarProxy caller;
  static ManagedChannel channel;

  @BeforeAll
  static void start() throws Exception {
    app = GrpcEchoApp.start("echo-1");
    callee = Sidecars.serving(ECHO, app.port());
    caller = Sidecars.calling(UpstreamPort.of(ECHO));
    Sidecars.apply(List.of(service("echo", AppProtocol.GRPC, endpointOf("e1", callee))), caller, callee);
    InetSocketAddress port = caller.upstreamAddress(ECHO);
    channel = NettyChannelBuilder.forAddress(port.getHostString(), port.getPort()).usePlaintext().build();
  }

  @AfterAll
  static void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    caller.close();
    callee.close();
    app.close();
  }

  @Test
  void callsAreCountedByGrpcStatus() {
    CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS);
    for (int i = 0; i < 2; i++) {
      assertThat(ClientCalls.blockingUnaryCall(channel, GrpcEchoApp.UNARY, options, "hi")).isEqualTo("echo-1:hi");
    }
    assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, GrpcEchoApp.FAIL, options, "no"))
        .isInstanceOf(StatusRuntimeException.class);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (var side : List.of(Map.entry(caller, "outbound"), Map.entry(callee, "inbound"))) {
        PrometheusText scrape = PrometheusText.parse(
            new String(side.getKey().metrics().scrape(), StandardCharsets.UTF_8));
        Map<String, String> echo = Map.of("direction", side.getValue(), "service", "echo", "status_code", "200");
        assertThat(scrape.sum("trellis_requests_total", with(echo, "grpc_status", "0", "classification", "success")))
            .isEqualTo(2);
        // FAILED_PRECONDITION (9) is the caller's business, not a failure of the service.
        assertThat(scrape.sum("trellis_requests_total", with(echo, "grpc_status", "9", "classification", "success")))
            .isEqualTo(1);
      }
    });
  }
}
