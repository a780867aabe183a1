package dev.trellis.proxy.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The standard {@code process_*} figures (CPU seconds, resident memory, open file descriptors,
 * start time), read from the JDK's process handle and {@code /proc} only when scraped.
 *
 * <p>Our own rather than the client's {@code ProcessMetrics}, which reaches for the platform MXBeans
 * when registered and so loads JMX into every sidecar at start-up; where {@code /proc} is missing
 * (not Linux) the memory and file figures are simply absent.
 */
final class ProcessStats {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path FDS = Path.of("/proc/self/fd");

  private ProcessStats() {}

  static void register(PrometheusRegistry registry) {
    ProcessHandle.Info self = ProcessHandle.current().info();
    CounterWithCallback.builder()
        .name("process_cpu_seconds_total")
        .help("User and system CPU time spent, in seconds")
        .callback(counter -> ProcessHandle.current().info().totalCpuDuration()
            .ifPresent(cpu -> counter.call(cpu.toNanos() / 1e9)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("process_start_time_seconds")
        .help("Start time of the process since the Unix epoch, in seconds")
        .callback(gauge -> self.startInstant().ifPresent(start -> gauge.call(start.toEpochMilli() / 1e3)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("process_resident_memory_bytes")
        .help("Resident set size (VmRSS), in bytes")
        .callback(gauge -> {
          long rss = residentBytes();
          if (rss >= 0) {
            gauge.call(rss);
          }
        })
        .register(registry);
    GaugeWithCallback.builder()
        .name("process_open_fds")
        .help("Open file descriptors (sockets included)")
        .callback(gauge -> {
          long fds = openFds();
          if (fds >= 0) {
            gauge.call(fds);
          }
        })
        .register(registry);
  }

  /** VmRSS in bytes, or -1 where {@code /proc} cannot say. */
  static long residentBytes() {
    try {
      List<String> lines = Files.readAllLines(STATUS);
      for (String line : lines) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024; // the kernel prints kB
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or an unexpected format: leave the figure out rather than fail the scrape.
    }
    return -1;
  }

  /** Entries of {@code /proc/self/fd}, or -1 where it cannot be listed. */
  static long openFds() {
    try (Stream<Path> fds = Files.list(FDS)) {
      return fds.count();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
