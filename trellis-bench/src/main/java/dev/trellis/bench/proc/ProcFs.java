package dev.trellis.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Samples processes through a {@code /proc} file system: {@code /proc} itself in use, a
 * directory of sample files in tests.
 *
 * <p>Thread-safe (it holds only a path). A sample costs two small file reads.
 */
public final class ProcFs {

  private final Path root;
  private final long clockTicksPerSecond;

  /**
   * @param root                where the {@code PID/stat} and {@code PID/status} files are
   * @param clockTicksPerSecond what one second of CPU is in ticks ({@code getconf CLK_TCK})
   */
  public ProcFs(Path root, long clockTicksPerSecond) {
    if (clockTicksPerSecond < 1) {
      throw new IllegalArgumentException("clockTicksPerSecond: " + clockTicksPerSecond + " (expected: >= 1)");
    }
    this.root = root;
    this.clockTicksPerSecond = clockTicksPerSecond;
  }

  /** The machine's {@code /proc}, with its clock tick rate asked of {@code getconf}. */
  public static ProcFs system() {
    return new ProcFs(Path.of("/proc"), ClockTicks.perSecond());
  }

  /**
   * Reads the CPU time, peak RSS and current RSS of {@code pid}.
   *
   * @throws IOException when the process is gone or its files cannot be read
   */
  public ProcessSample sample(String name, long pid) throws IOException {
    Path dir = root.resolve(Long.toString(pid));
    try {
      long ticks = ProcStat.cpuTicks(Files.readString(dir.resolve("stat")));
      String status = Files.readString(dir.resolve("status"));
      return new ProcessSample(name, pid, ticks, ProcStatus.peakRssKib(status), ProcStatus.rssKib(status));
    } catch (NoSuchFileException e) {
      throw new IOException("process " + pid + " (" + name + ") is gone: no " + e.getFile(), e);
    } catch (IllegalArgumentException e) {
      throw new IOException("process " + pid + " (" + name + "): " + e.getMessage(), e);
    }
  }

  /**
   * The current RSS of {@code pid} in KiB: one read of {@code PID/status}, for sampling often.
   *
   * @throws IOException when the process is gone or its status cannot be read
   */
  public long rssKib(String name, long pid) throws IOException {
    try {
      return ProcStatus.rssKib(Files.readString(root.resolve(Long.toString(pid)).resolve("status")));
    } catch (NoSuchFileException e) {
      throw new IOException("process " + pid + " (" + name + ") is gone: no " + e.getFile(), e);
    } catch (IllegalArgumentException e) {
      throw new IOException("process " + pid + " (" + name + "): " + e.getMessage(), e);
    }
  }

  /** CPU seconds between two samples of the same process. */
  public double cpuSecondsBetween(ProcessSample before, ProcessSample after) {
    return (after.cpuTicks() - before.cpuTicks()) / (double) clockTicksPerSecond;
  }
}
