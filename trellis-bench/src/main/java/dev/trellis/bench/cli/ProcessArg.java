package dev.trellis.bench.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A process to watch, given as {@code NAME=PID} (e.g. {@code haproxy-outbound=4242}).
 *
 * @param name the role shown in the report
 * @param pid  the process id; positive
 */
public record ProcessArg(String name, long pid) {

  /** Picocli's converter for {@code --process NAME=PID}. */
  public static final class Converter implements ITypeConverter<ProcessArg> {
    @Override
    public ProcessArg convert(String value) {
      int eq = value.indexOf('=');
      if (eq > 0) {
        try {
          long pid = Long.parseLong(value.substring(eq + 1));
          if (pid > 0) {
            return new ProcessArg(value.substring(0, eq), pid);
          }
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      throw new TypeConversionException(value + " (expected: NAME=PID, e.g. nginx-outbound=4242)");
    }
  }
}
