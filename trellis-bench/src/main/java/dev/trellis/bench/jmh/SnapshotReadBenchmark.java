package dev.trellis.bench.jmh;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.balance.EndpointLoads;
import dev.trellis.proxy.control.SnapshotRejected;
import dev.trellis.proxy.control.SnapshotTranslator;
import dev.trellis.proxy.control.TranslatedSnapshot;
import dev.trellis.proxy.mesh.MeshView;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the hot path pays to find the proxy's current state: once per request, the HTTP bridge
 * asks for the chain of the snapshot in force ({@code state.get().outbound()} in
 * {@link SidecarProxy}), one volatile read of an {@code AtomicReference} and one field.
 * {@link SidecarProxy#view()} reads the same reference the same way and is what is measured.
 *
 * <ul>
 *   <li>group {@code alone}: {@code read} on one thread, on a proxy whose state does not change
 *       (a group of one, since the state is shared per group);</li>
 *   <li>group {@code swapping}: {@code readWhileSwapping} reads on one thread while {@code swap}
 *       applies snapshots back to back on another (two versions in turn, already translated), so
 *       the reader keeps finding a new state, and its cache line invalidated, as in a mesh that
 *       changes all the time. {@code swap}'s own figure is the cost of an apply under a reader.</li>
 *   <li>group {@code building}, the control for {@code swapping}: the second thread builds the
 *       same views ({@link MeshView#build}, which is most of an apply) but publishes nothing. On
 *       a machine with few CPUs the reader of both groups shares its CPU time and caches with a
 *       thread that allocates hard; only the difference between the two is the publication's.</li>
 * </ul>
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SnapshotReadBenchmark {
  @Param({"SMALL", "LARGE"})
  public MeshSize mesh;

  private final TranslatedSnapshot[] versions = new TranslatedSnapshot[2];
  private SidecarProxy proxy;
  /** The building thread's loads: a view built for nobody must not touch the proxy's. */
  private final EndpointLoads spareLoads = new EndpointLoads(System::nanoTime);
  private int turn; // the swapping (or building) thread's only

  @Setup(Level.Trial)
  public void setUp() throws SnapshotRejected {
    for (int i = 0; i < 2; i++) {
      versions[i] = SnapshotTranslator.translate(mesh.snapshot(i + 1));
    }
    proxy = BenchProxy.unstarted();
    proxy.apply(versions[0].version(), versions[0].services());
  }

  @Benchmark
  @Group("alone")
  @GroupThreads(1)
  public MeshView read() {
    return proxy.view();
  }

  @Benchmark
  @Group("swapping")
  @GroupThreads(1)
  public MeshView readWhileSwapping() {
    return proxy.view();
  }

  @Benchmark
  @Group("swapping")
  @GroupThreads(1)
  public long swap() {
    turn ^= 1;
    TranslatedSnapshot next = versions[turn];
    proxy.apply(next.version(), next.services());
    return next.version();
  }

  @Benchmark
  @Group("building")
  @GroupThreads(1)
  public MeshView readWhileBuilding() {
    return proxy.view();
  }

  @Benchmark
  @Group("building")
  @GroupThreads(1)
  public MeshView build() {
    turn ^= 1;
    TranslatedSnapshot next = versions[turn];
    return MeshView.build(next.version(), next.services(), spareLoads);
  }
}
