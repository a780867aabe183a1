package dev.trellis.bench.report;

/**
 * What one proxy process used during a measurement.
 *
 * <p>Two memory figures, because they answer different questions: {@code loadRssKib} is what
 * the process held while the load ran, {@code peakRssKib} also counts one-off bursts before the
 * window (start-up, the JIT compiling the hot paths) that the kernel may since have taken back.
 *
 * @param name       its role, e.g. {@code haproxy-outbound}
 * @param pid        its process id
 * @param cpuSeconds user + system CPU seconds spent within the measured window
 * @param peakRssKib peak resident set size over its life up to the end of the window (VmHWM)
 * @param loadRssKib the largest resident set size (VmRSS) sampled within the measured window,
 *                   or null in results written before it was measured
 */
public record ProcessUse(String name, long pid, double cpuSeconds, long peakRssKib, Long loadRssKib) {}
