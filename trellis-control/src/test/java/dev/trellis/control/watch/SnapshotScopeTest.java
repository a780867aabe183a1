package dev.trellis.control.watch;

import static dev.trellis.control.Mesh.docs;
import static dev.trellis.control.Mesh.route;
import static dev.trellis.control.Mesh.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.registry.Health;
import dev.trellis.api.watch.Subscription;
import dev.trellis.config.ConfigLoader;
import dev.trellis.config.MeshResources;
import dev.trellis.control.registry.Instance;
import dev.trellis.control.store.MeshState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotScopeTest {

  @Test
  void followsRoutesToTheirBackendsTransitively() throws Exception {
    MeshState state = state(docs(
        service("web"), service("a"), service("b"), service("c"), service("elsewhere"),
        route("a-route", "a", "b"),
        route("b-route", "b", "c"),
        route("elsewhere-route", "elsewhere", "a")))
        .withInstance(instance("c-1", "c"))
        .withInstance(instance("elsewhere-1", "elsewhere"));

    SnapshotScope.Content content = SnapshotScope.of(state, subscription("a"));

    assertThat(content.resources()).extracting(d -> d.path("kind").asText() + " " + d.at("/metadata/name").asText())
        .containsExactlyInAnyOrder("Service web", "Service a", "Service b", "Service c",
            "HTTPRoute a-route", "HTTPRoute b-route");
    assertThat(content.endpoints()).containsOnlyKeys("default/a", "default/b", "default/c");
    assertThat(content.endpoints().get("default/c")).singleElement()
        .satisfies(e -> assertThat(e.healthDetail()).isNull());
    assertThat(content.endpoints().get("default/a")).isEmpty();
  }

  @Test
  void cyclesEndAndUnknownUpstreamsStillGetAnEndpointList() throws Exception {
    MeshState state = state(docs(service("web"), service("a"), service("b"),
        route("a-route", "a", "b"), route("b-route", "b", "a")));

    SnapshotScope.Content content = SnapshotScope.of(state,
        new Subscription("web-1", "web", "default", List.of("a", "other/not-yet-applied")));

    assertThat(content.endpoints()).containsOnlyKeys("default/a", "default/b", "other/not-yet-applied");
    assertThat(content.resources()).hasSize(5);
  }

  @Test
  void equalStatesGiveEqualContentSoNothingIsResent() throws Exception {
    MeshState state = state(docs(service("web"), service("a")));
    MeshState unrelatedChange = state.withInstance(instance("x-1", "x")).withVersion(9);

    assertThat(SnapshotScope.of(unrelatedChange, subscription("a")))
        .isEqualTo(SnapshotScope.of(state, subscription("a")));
  }

  @Test
  void producerRoutesApplyToAllConsumerRoutesToTheirOwnNamespaceOthersToNobody() throws Exception {
    MeshState state = state(docs(
        namespaced(service("catalog"), "default"),
        namespaced(service("web"), "shop"),
        namespaced(service("canary"), "shop"),
        namespaced(service("sink"), "other"),
        namespaced(route("producer", "catalog", "catalog"), "default"),
        namespaced(routeToDefault("consumer", "catalog", "canary"), "shop"),
        namespaced(routeToDefault("foreign", "catalog", "sink"), "other")));

    SnapshotScope.Content fromShop = SnapshotScope.of(state,
        new Subscription("web-1", "web", "shop", List.of("default/catalog")));
    SnapshotScope.Content fromDefault = SnapshotScope.of(state,
        new Subscription("front-1", "front", "default", List.of("catalog")));

    assertThat(routes(fromShop)).containsExactlyInAnyOrder("default/producer", "shop/consumer");
    assertThat(fromShop.endpoints()).containsOnlyKeys("default/catalog", "shop/canary");
    assertThat(routes(fromDefault)).containsExactly("default/producer");
    assertThat(fromDefault.endpoints()).containsOnlyKeys("default/catalog");
  }

  private static List<String> routes(SnapshotScope.Content content) {
    return content.resources().stream()
        .filter(d -> d.path("kind").asText().equals("HTTPRoute"))
        .map(d -> d.at("/metadata/namespace").asText("default") + "/" + d.at("/metadata/name").asText())
        .toList();
  }

  /** {@code document} moved into {@code namespace}. */
  private static String namespaced(String document, String namespace) {
    return document.replaceFirst("metadata:\n  name: (\\S+)\n",
        "metadata:\n  name: $1\n  namespace: " + namespace + "\n");
  }

  /** A route whose parent is a Service in namespace default, its backends in its own namespace. */
  private static String routeToDefault(String name, String parent, String... backends) {
    return route(name, parent, backends)
        .replace("      name: " + parent + "\n", "      name: " + parent + "\n      namespace: default\n");
  }

  private static MeshState state(String yaml) throws Exception {
    return MeshState.empty().withResources(MeshResources.of(ConfigLoader.load("mesh.yaml", yaml)),
        Map.of());
  }

  private static Subscription subscription(String... upstreams) {
    return new Subscription("web-1", "web", "default", List.of(upstreams));
  }

  private static Instance instance(String id, String service) {
    return new Instance(id, service, "default", "127.0.0.1", 9000, 0, Map.of(), "", 15,
        Instant.EPOCH, Health.HEALTHY, "detail that proxies are not sent");
  }
}
