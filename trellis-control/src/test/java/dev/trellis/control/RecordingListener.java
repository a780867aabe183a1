package dev.trellis.control;

import dev.trellis.api.client.SnapshotDecision;
import dev.trellis.api.client.WatchListener;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.config.ConfigException;
import dev.trellis.config.ConfigLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Keeps every snapshot a watch hands over, and answers as told. */
public final class RecordingListener implements WatchListener {
  public final List<Snapshot> snapshots = new CopyOnWriteArrayList<>();
  public final AtomicInteger connects = new AtomicInteger();
  public final AtomicInteger disconnects = new AtomicInteger();
  private final Function<Snapshot, SnapshotDecision> decide;

  public RecordingListener(Function<Snapshot, SnapshotDecision> decide) {
    this.decide = decide;
  }

  public static RecordingListener acking() {
    return new RecordingListener(snapshot -> SnapshotDecision.ack());
  }

  /** Answers as a proxy does: ack when every document validates with the config loader. */
  public static RecordingListener validating() {
    return new RecordingListener(snapshot -> {
      for (var document : snapshot.resources()) {
        try {
          ConfigLoader.fromDocument("snapshot " + snapshot.version(), document);
        } catch (ConfigException e) {
          return SnapshotDecision.nack(e.getMessage());
        }
      }
      return SnapshotDecision.ack();
    });
  }

  @Override
  public SnapshotDecision onSnapshot(Snapshot snapshot) {
    snapshots.add(snapshot);
    return decide.apply(snapshot);
  }

  @Override
  public void onConnected() {
    connects.incrementAndGet();
  }

  @Override
  public void onDisconnected(Throwable cause) {
    disconnects.incrementAndGet();
  }

  public Snapshot last() {
    return snapshots.get(snapshots.size() - 1);
  }

  /** {@code Kind name} of every document of the last snapshot. */
  public List<String> lastResourceNames() {
    return last().resources().stream()
        .map(doc -> doc.path("kind").asText() + " " + doc.at("/metadata/name").asText())
        .toList();
  }
}
