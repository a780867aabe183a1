package dev.trellis.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.http.ProxyError;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Error kinds are the fixed heads of the proxy's reasons, never what varies after the colon. */
class ErrorKindsTest {
  @Test
  void theKindIsTheHeadOfTheReasonInSnakeCase() {
    ProxyError refused = ProxyError.connectFailed("upstream", "catalog",
        new InetSocketAddress("127.0.0.1", 41235), Duration.ofSeconds(1), new ConnectException("refused"));
    assertThat(kind(refused)).isEqualTo("upstream_connect_refused");
    assertThat(kind(ProxyError.noHealthyEndpoint("catalog", 3, 0))).isEqualTo("no_healthy_endpoint");
    assertThat(kind(ProxyError.requestTimeout("catalog", Duration.ofMillis(300)))).isEqualTo("request_timeout");
    assertThat(kind(ProxyError.unknownService("evil\"name"))).isEqualTo("unknown_service");
  }

  @Test
  void aReasonMatchesTheHeadItWasMadeFromOnly() {
    String reason = ProxyError.noHealthyEndpoint("catalog", 3, 0).reason();
    String head = ErrorKinds.head(reason);

    assertThat(ErrorKinds.hasHead(ProxyError.noHealthyEndpoint("orders", 1, 0).reason(), head)).isTrue();
    assertThat(ErrorKinds.hasHead(ProxyError.noHttpPort("catalog").reason(), head)).isFalse();
    assertThat(ErrorKinds.hasHead("no healthy endpoint and more: x", head)).isFalse();
  }

  @Test
  void aReasonWithoutAColonIsCutShort() {
    assertThat(ErrorKinds.kindOf(ErrorKinds.head("x".repeat(100)))).hasSize(48);
  }

  private static String kind(ProxyError error) {
    return ErrorKinds.kindOf(ErrorKinds.head(error.reason()));
  }
}
