package dev.trellis.bench.report;

/**
 * What one proxy process used during a measurement.
 *
 * @param name       its role, e.g. {@code haproxy-outbound}
 * @param pid        its process id
 * @param cpuSeconds user + system CPU seconds spent within the measured window
 * @param peakRssKib peak resident set size over its life up to the end of the window (VmHWM)
 */
public record ProcessUse(String name, long pid, double cpuSeconds, long peakRssKib) {}
