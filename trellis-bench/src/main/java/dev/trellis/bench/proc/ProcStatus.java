package dev.trellis.bench.proc;

/**
 * Reads memory figures from the text of {@code /proc/PID/status}.
 *
 * <p>{@code VmHWM} is the peak resident set size over the process's life, which is what a
 * benchmark wants: the most memory the process ever held, not what it holds at the moment.
 */
public final class ProcStatus {

  private ProcStatus() {}

  /**
   * The peak resident set size in KiB.
   *
   * @param statusText the whole content of a {@code /proc/PID/status} file
   * @throws IllegalArgumentException when there is no readable {@code VmHWM} line (a kernel
   *                                  thread or a zombie has none)
   */
  public static long peakRssKib(String statusText) {
    return kibField(statusText, "VmHWM");
  }

  /** The current resident set size in KiB; see {@link #peakRssKib} for the errors. */
  public static long rssKib(String statusText) {
    return kibField(statusText, "VmRSS");
  }

  private static long kibField(String statusText, String name) {
    for (String line : statusText.split("\n")) {
      if (line.startsWith(name + ":")) {
        String value = line.substring(name.length() + 1).trim();
        String[] parts = value.split("\\s+");
        if (parts.length == 2 && parts[1].equals("kB")) {
          try {
            return Long.parseLong(parts[0]);
          } catch (NumberFormatException e) {
            // fall through to the error below, which shows the value
          }
        }
        throw new IllegalArgumentException("/proc/PID/status: " + name + ": " + value
            + " (expected: <number> kB)");
      }
    }
    throw new IllegalArgumentException("/proc/PID/status: no " + name + " line");
  }
}
