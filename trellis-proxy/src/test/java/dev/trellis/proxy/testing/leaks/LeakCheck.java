package dev.trellis.proxy.testing.leaks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaked a Netty buffer. Registered for every test class of the module
 * (JUnit extension auto-detection, see {@code META-INF/services}); runs after the class's own
 * {@code @AfterAll}, when its servers and sidecars are closed.
 *
 * <p>Netty notices a leak only when the leaked buffer has been garbage collected and a later
 * allocation looks at the reference queue, so {@link #collect} collects garbage and allocates
 * until the queue has been looked at a few times. A leak found after a class may come from an
 * earlier one whose garbage was collected late; the build fails either way.
 */
public final class LeakCheck implements AfterAllCallback {
  private static final int ROUNDS = 5;

  @Override
  public void afterAll(ExtensionContext context) {
    if (ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.DISABLED) {
      throw new AssertionError(
          "leak detection level DISABLED (expected: paranoid, or advanced for the large-body"
              + " tests, set by -Dio.netty.leakDetection.level in the surefire argLine)");
    }
    List<String> leaks = collect();
    if (RecordingLeakDetector.created() == 0) {
      throw new AssertionError(
          "leaks are not recorded (expected: -Dio.netty.customResourceLeakDetector="
              + RecordingLeakDetector.class.getName() + " in the surefire argLine)");
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          leaks.size() + " Netty buffer leak(s) reported after " + context.getDisplayName() + ":\n"
              + String.join("\n\n", leaks));
    }
  }

  /** Makes Netty report the buffers leaked so far and returns (and forgets) those reports. */
  public static List<String> collect() {
    List<String> leaks = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      System.gc();
      // The reference handler thread enqueues collected buffers shortly after the collection.
      LockSupport.parkNanos(20_000_000L);
      // A tracked allocation makes the detector poll its queue and report what it finds there.
      ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(1);
      probe.release();
      leaks.addAll(RecordingLeakDetector.drain());
    }
    return leaks;
  }
}
