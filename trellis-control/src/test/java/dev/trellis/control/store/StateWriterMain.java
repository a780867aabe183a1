package dev.trellis.control.store;

import dev.trellis.api.registry.Health;
import dev.trellis.control.registry.Instance;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Writes ever newer states to {@code args[0]/state.json} as fast as it can, forever, so that a
 * test can kill it at a random moment in the middle of a write. Each state at version N holds N
 * instances; the first line on stdout says writing has begun.
 */
public final class StateWriterMain {
  private StateWriterMain() {}

  public static void main(String[] args) throws Exception {
    StateFile file = new StateFile(Path.of(args[0]));
    MeshState state = MeshState.empty();
    boolean announced = false;
    for (long version = 1; ; version++) {
      Instance instance = new Instance("svc-" + version, "svc", "default", "127.0.0.1",
          (int) (1 + version % 65535), 0, Map.of("padding", "x".repeat(2000)), "", 15,
          Instant.EPOCH, Health.HEALTHY, "");
      state = state.withInstance(instance).withVersion(version);
      file.write(state);
      if (!announced && version >= 3) {
        System.out.println("writing");
        System.out.flush();
        announced = true;
      }
    }
  }
}
