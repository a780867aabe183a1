package dev.trellis.bench.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * How many clock ticks make a second of CPU time in {@code /proc/PID/stat}: the kernel's
 * {@code USER_HZ}, which {@code getconf CLK_TCK} prints. It is 100 on every Linux the harness
 * targets, which is the answer when {@code getconf} cannot be run.
 */
public final class ClockTicks {

  static final long LINUX_DEFAULT = 100;

  private ClockTicks() {}

  /** {@code getconf CLK_TCK}, or {@value #LINUX_DEFAULT} when that fails. */
  public static long perSecond() {
    try {
      Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      if (process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0) {
        return parse(output);
      }
    } catch (IOException | IllegalArgumentException e) {
      // no getconf, or it printed something else: keep the default
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return LINUX_DEFAULT;
  }

  /** The tick rate in {@code getconf}'s output; throws {@link IllegalArgumentException} when none. */
  static long parse(String output) {
    try {
      long ticks = Long.parseLong(output.trim());
      if (ticks > 0) {
        return ticks;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("getconf CLK_TCK: " + output.trim() + " (expected: a positive integer)");
  }
}
