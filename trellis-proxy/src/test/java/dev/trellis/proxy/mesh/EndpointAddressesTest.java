package dev.trellis.proxy.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.balance.BalancerConfig;
import dev.trellis.proxy.balance.Endpoint;
import dev.trellis.proxy.balance.EndpointLoads;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Endpoint addresses are made (and resolved) when a view is built, never per request. */
class EndpointAddressesTest {
  @Test
  void everyRequestGetsTheAddressMadeWithTheView() {
    Endpoint byName = Endpoint.of("e1", "localhost", 9001);
    MeshView view =
        MeshView.build(
            1,
            List.of(
                new ServiceDefinition(
                    ServiceKey.of("catalog"),
                    List.of(new ServicePort(8080, AppProtocol.HTTP)),
                    List.of(new RegisteredEndpoint(byName, EndpointHealth.HEALTHY)),
                    BalancerConfig.DEFAULT)),
            new EndpointLoads(System::nanoTime));
    ServiceView service = view.service(ServiceKey.of("catalog"));

    InetSocketAddress first = service.addressOf(byName);
    assertThat(first.isUnresolved()).isFalse();
    assertThat(first.getPort()).isEqualTo(9001);
    assertThat(service.addressOf(byName)).isSameAs(first);
  }
}
