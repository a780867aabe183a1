package dev.trellis.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.watch.Snapshot;
import dev.trellis.proxy.mesh.MeshView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The route and snapshot benchmarks' fixtures do what their figures claim: every cycled request
 * lands where its case says (the benchmark's setup checks it and throws otherwise), and a
 * snapshot goes through every step to a live view of the whole mesh. No timing.
 */
class JmhFixturesTest {

  @ParameterizedTest
  @EnumSource(RouteCase.class)
  void everyCycledRequestLandsWhereItsCaseSays(RouteCase table) throws Exception {
    RouteMatchBenchmark benchmark = new RouteMatchBenchmark();
    benchmark.table = table;
    benchmark.setUp();
    try {
      int requests = table.fixture().requests().size();
      // Two rounds: reused exchanges (rewritten, answered once) must keep routing the same way.
      for (int i = 0; i < 2 * requests; i++) {
        assertThat(benchmark.route()).isNotNull();
      }
    } finally {
      benchmark.tearDown();
    }
  }

  @ParameterizedTest
  @EnumSource(MeshSize.class)
  void aSnapshotGoesThroughEveryStepToALiveView(MeshSize mesh) throws Exception {
    SnapshotSwapBenchmark benchmark = new SnapshotSwapBenchmark();
    benchmark.mesh = mesh;
    benchmark.setUp();

    assertThat(benchmark.decode()).isInstanceOf(Snapshot.class);
    assertThat(benchmark.translate().services()).hasSize(mesh.services);
    MeshView applied = benchmark.apply();
    assertThat(applied.services()).hasSize(mesh.services);
    MeshView received = benchmark.receive();
    assertThat(received.services()).hasSize(mesh.services);
    // Consecutive operations alternate between versions 1 and 2.
    assertThat(received.version()).isNotEqualTo(applied.version());
    long routed = received.services().keySet().stream()
        .filter(key -> !received.routes(key).isEmpty())
        .count();
    assertThat(routed).isEqualTo(Math.min(mesh.services, mesh.routes));
  }

  @ParameterizedTest
  @EnumSource(MeshSize.class)
  void readersSeeEachSwappedView(MeshSize mesh) throws Exception {
    SnapshotReadBenchmark benchmark = new SnapshotReadBenchmark();
    benchmark.mesh = mesh;
    benchmark.setUp();

    assertThat(benchmark.read().version()).isEqualTo(1);
    assertThat(benchmark.swap()).isEqualTo(2);
    assertThat(benchmark.readWhileSwapping().version()).isEqualTo(2);
    // Building publishes nothing: readers keep the applied view.
    assertThat(benchmark.build().version()).isEqualTo(1);
    assertThat(benchmark.readWhileBuilding().version()).isEqualTo(2);
  }
}
