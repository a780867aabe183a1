package dev.trellis.bench.proc;

/**
 * What {@code /proc} said about one process at one moment.
 *
 * @param name       the role in the benchmark, e.g. {@code haproxy-outbound}
 * @param pid        the process id
 * @param cpuTicks   user + system CPU time so far, in clock ticks
 * @param peakRssKib peak resident set size so far (VmHWM), in KiB
 * @param rssKib     resident set size at this moment (VmRSS), in KiB
 */
public record ProcessSample(String name, long pid, long cpuTicks, long peakRssKib, long rssKib) {}
