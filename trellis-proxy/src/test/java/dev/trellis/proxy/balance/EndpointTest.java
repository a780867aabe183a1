package dev.trellis.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointTest {

  @Test
  void equalityIgnoresZoneAndLabels() {
    Endpoint plain = Endpoint.of("catalog-1", "127.0.0.1", 8080);
    Endpoint relabelled = new Endpoint("catalog-1", "127.0.0.1", 8080, "zone-b", Map.of("version", "v2"));

    assertThat(relabelled).isEqualTo(plain).hasSameHashCodeAs(plain);
    assertThat(Endpoint.of("catalog-2", "127.0.0.1", 8080)).isNotEqualTo(plain);
    assertThat(Endpoint.of("catalog-1", "127.0.0.2", 8080)).isNotEqualTo(plain);
    assertThat(Endpoint.of("catalog-1", "127.0.0.1", 8081)).isNotEqualTo(plain);
  }

  @Test
  void copiesLabelsAndNormalisesMissingOnes() {
    Map<String, String> labels = new HashMap<>(Map.of("version", "v1"));
    Endpoint endpoint = new Endpoint("a", "127.0.0.1", 1, null, labels);
    labels.put("version", "v2");

    assertThat(endpoint.labels()).containsExactly(Map.entry("version", "v1"));
    assertThat(endpoint.zone()).isEmpty();
    assertThat(new Endpoint("a", "127.0.0.1", 1, "z", null).labels()).isEmpty();
  }

  @Test
  void refusesBadFields() {
    assertThatThrownBy(() -> Endpoint.of("a", "127.0.0.1", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port: 0 (expected: 1..65535)");
    assertThatThrownBy(() -> Endpoint.of("a", "127.0.0.1", 65_536))
        .hasMessage("port: 65536 (expected: 1..65535)");
    assertThatThrownBy(() -> Endpoint.of(" ", "127.0.0.1", 80))
        .hasMessage("id: \" \" (expected: a non-blank string)");
    assertThatThrownBy(() -> Endpoint.of("a", null, 80))
        .hasMessage("host: missing (expected: a non-blank string)");
  }

  @Test
  void namesItselfByAddress() {
    assertThat(Endpoint.of("a", "127.0.0.1", 41235).address()).isEqualTo("127.0.0.1:41235");
    assertThat(Endpoint.of("a", "::1", 41235).address()).isEqualTo("[::1]:41235");
    assertThat(Endpoint.of("a", "127.0.0.1", 41235)).hasToString("a@127.0.0.1:41235");
  }
}
