package dev.trellis.proxy.testing.leaks;

import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Netty's leak detector, recording every leak it reports besides logging it, so that a test run
 * can fail on one instead of leaving a line in a log nobody reads. Installed for the whole test
 * JVM by {@code -Dio.netty.customResourceLeakDetector} (see the module's surefire argLine).
 *
 * <p>Threading: reports arrive on whichever thread next allocates a tracked resource; the record
 * is a concurrent queue.
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {
  private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger CREATED = new AtomicInteger();

  /** The constructor Netty's factory looks for. */
  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
    super(resourceType, samplingInterval);
    CREATED.incrementAndGet();
  }

  /** The constructor Netty's factory tries first; the last argument is unused since Netty 4.1. */
  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
    this(resourceType, samplingInterval);
  }

  /** How many detectors were created: zero means the JVM was started without this one. */
  public static int created() {
    return CREATED.get();
  }

  /** The leaks reported since the last call, each with its access records; clears the record. */
  public static List<String> drain() {
    List<String> out = new ArrayList<>();
    for (String leak; (leak = LEAKS.poll()) != null; ) {
      out.add(leak);
    }
    return out;
  }

  @Override
  protected void reportTracedLeak(String resourceType, String records) {
    LEAKS.add(resourceType + " leaked:" + records);
    super.reportTracedLeak(resourceType, records);
  }

  @Override
  protected void reportUntracedLeak(String resourceType) {
    LEAKS.add(resourceType + " leaked (no access records)");
    super.reportUntracedLeak(resourceType);
  }
}
