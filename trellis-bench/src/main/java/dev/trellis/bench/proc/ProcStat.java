package dev.trellis.bench.proc;

/**
 * Reads the CPU time a process has used from the text of {@code /proc/PID/stat}.
 *
 * <p>The second field, the command name, is in parentheses and may itself hold spaces and
 * parentheses ({@code (my (odd) name)}), so fields are counted from the last {@code ')'}.
 * After it come state (field 3), ..., utime (field 14) and stime (field 15), in clock ticks,
 * summed over all the process's threads (see proc(5)).
 */
public final class ProcStat {

  private static final int FIRST_FIELD_AFTER_NAME = 3;
  private static final int UTIME_FIELD = 14;
  private static final int STIME_FIELD = 15;

  private ProcStat() {}

  /**
   * User plus system CPU time in clock ticks.
   *
   * @param statText the whole content of a {@code /proc/PID/stat} file
   * @throws IllegalArgumentException when the text is not such a file, naming what was wrong
   */
  public static long cpuTicks(String statText) {
    int nameEnd = statText.lastIndexOf(')');
    if (nameEnd < 0) {
      throw new IllegalArgumentException("/proc/PID/stat: no command name in parentheses in \""
          + abbreviate(statText) + "\"");
    }
    String[] fields = statText.substring(nameEnd + 1).trim().split("\\s+");
    int needed = STIME_FIELD - FIRST_FIELD_AFTER_NAME + 1;
    if (fields.length < needed) {
      throw new IllegalArgumentException("/proc/PID/stat: " + (fields.length + 2)
          + " fields (expected: at least " + STIME_FIELD + ")");
    }
    return parseField(fields, UTIME_FIELD) + parseField(fields, STIME_FIELD);
  }

  private static long parseField(String[] fieldsAfterName, int field) {
    String text = fieldsAfterName[field - FIRST_FIELD_AFTER_NAME];
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("/proc/PID/stat: field " + field + ": " + text
          + " (expected: a count of clock ticks)");
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }
}
