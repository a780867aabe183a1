package dev.trellis.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class AppEnvironmentTest {
  private final InetSocketAddress outbound = new InetSocketAddress("127.0.0.1", 41236);

  @Test
  void tellsTheApplicationWhereItsUpstreamsAndItsPortAre() {
    List<AppEnvironment.BoundUpstream> upstreams = List.of(
        new AppEnvironment.BoundUpstream(UpstreamArgument.parse("inventory:0", "default"),
            new InetSocketAddress("127.0.0.1", 41237)),
        new AppEnvironment.BoundUpstream(UpstreamArgument.parse("catalog-v2:9002", "default"),
            new InetSocketAddress("127.0.0.1", 9002)));

    Map<String, String> env = AppEnvironment.of("catalog", "default", OptionalInt.of(8082), outbound, upstreams,
        Map.of());

    assertThat(env)
        .containsEntry("HTTP_PROXY", "http://127.0.0.1:41236")
        .containsEntry("http_proxy", "http://127.0.0.1:41236")
        .containsEntry("NO_PROXY", "localhost,127.0.0.1,::1")
        .containsEntry("no_proxy", "localhost,127.0.0.1,::1")
        .containsEntry("TRELLIS_UPSTREAM_INVENTORY", "127.0.0.1:41237")
        .containsEntry("TRELLIS_UPSTREAM_CATALOG_V2", "127.0.0.1:9002")
        .containsEntry("PORT", "8082")
        .containsEntry("TRELLIS_APP_PORT", "8082")
        .containsEntry("TRELLIS_SERVICE", "catalog")
        .containsEntry("TRELLIS_NAMESPACE", "default");
  }

  @Test
  void anApplicationWithoutAPortGetsNone() {
    Map<String, String> env = AppEnvironment.of("loadgen", "default", OptionalInt.empty(), outbound, List.of(),
        Map.of());
    assertThat(env).doesNotContainKeys("PORT", "TRELLIS_APP_PORT").containsKey("HTTP_PROXY");
  }

  @Test
  void loopbackIsAddedToAnInheritedNoProxy() {
    Map<String, String> env = AppEnvironment.of("web", "default", OptionalInt.empty(), outbound, List.of(),
        Map.of("NO_PROXY", ".corp.example"));
    assertThat(env).containsEntry("NO_PROXY", ".corp.example,localhost,127.0.0.1,::1");
  }
}
