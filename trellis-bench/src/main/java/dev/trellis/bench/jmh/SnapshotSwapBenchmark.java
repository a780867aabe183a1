package dev.trellis.bench.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.json.ApiJson;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.api.watch.WatchMessage;
import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.control.SnapshotRejected;
import dev.trellis.proxy.control.SnapshotTranslator;
import dev.trellis.proxy.control.TranslatedSnapshot;
import dev.trellis.proxy.mesh.MeshView;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * What a proxy does when the control plane sends a snapshot, step by step and whole, for the
 * meshes of {@link MeshSize}:
 *
 * <pre>
 *   watch frame (JSON text) --decode--> Snapshot --translate--> TranslatedSnapshot --apply--> new view live
 *   receive = the three in a row
 * </pre>
 *
 * <ul>
 *   <li>{@code decode}: the watch's {@code readValue(text, WatchMessage.class)};</li>
 *   <li>{@code translate}: {@link SnapshotTranslator#translate}, which validates every document
 *       and compiles services, balancer choices, policies and route tables;</li>
 *   <li>{@code apply}: {@link SidecarProxy#apply}: builds the {@link MeshView} (a balancer per
 *       service) and the inbound and outbound chains, and swaps them in. Alternates between two
 *       versions, as consecutive snapshots do.</li>
 * </ul>
 * Not included: the control-plane link's bookkeeping around it (a lock, its status, the ack)
 * and the disk cache write, which runs on a thread of its own. The proxy is never started: applying
 * a snapshot binds nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SnapshotSwapBenchmark {
  @Param({"SMALL", "LARGE"})
  public MeshSize mesh;

  private final ObjectMapper json = ApiJson.mapper();
  private final String[] frames = new String[2];
  private final Snapshot[] snapshots = new Snapshot[2];
  private final TranslatedSnapshot[] translated = new TranslatedSnapshot[2];
  private SidecarProxy proxy;
  private int turn;

  @Setup(Level.Trial)
  public void setUp() throws JsonProcessingException, SnapshotRejected {
    for (int i = 0; i < 2; i++) {
      snapshots[i] = mesh.snapshot(i + 1);
      // The control plane writes the snapshot as it is; the "type" property comes from WatchMessage.
      frames[i] = json.writeValueAsString(snapshots[i]);
      translated[i] = SnapshotTranslator.translate(snapshots[i]);
    }
    proxy = BenchProxy.unstarted();
  }

  @Benchmark
  public WatchMessage decode() throws JsonProcessingException {
    return json.readValue(frames[nextTurn()], WatchMessage.class);
  }

  @Benchmark
  public TranslatedSnapshot translate() throws SnapshotRejected {
    return SnapshotTranslator.translate(snapshots[nextTurn()]);
  }

  @Benchmark
  public MeshView apply() {
    TranslatedSnapshot next = translated[nextTurn()];
    proxy.apply(next.version(), next.services());
    return proxy.view();
  }

  @Benchmark
  public MeshView receive() throws JsonProcessingException, SnapshotRejected {
    Snapshot snapshot = (Snapshot) json.readValue(frames[nextTurn()], WatchMessage.class);
    TranslatedSnapshot next = SnapshotTranslator.translate(snapshot);
    proxy.apply(next.version(), next.services());
    return proxy.view();
  }

  private int nextTurn() {
    turn ^= 1;
    return turn;
  }
}
