package dev.trellis.bench.cli;

import java.io.PrintWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Prints a refused option the way every Trellis error reads, {@code --warmup: 2x (expected: a
 * duration such as 500ms, 2s or 1m)}, then where to find the usage; exits with 2.
 *
 * <p>Picocli words a failed conversion as {@code Invalid value for option '--warmup': ...};
 * that prefix is rewritten to the option name alone.
 */
final class OptionErrors implements IParameterExceptionHandler {

  private static final Pattern INVALID_VALUE =
      Pattern.compile("Invalid value for option '([^']+)'(?: \\([^)]*\\))?: (.*)", Pattern.DOTALL);

  @Override
  public int handleParseException(ParameterException failure, String[] args) {
    CommandLine command = failure.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(command.getCommandName() + ": " + message(failure.getMessage()));
    err.println("see: " + command.getCommandSpec().qualifiedName() + " --help");
    err.flush();
    return 2;
  }

  static String message(String picocliMessage) {
    Matcher invalid = INVALID_VALUE.matcher(picocliMessage);
    return invalid.matches() ? invalid.group(1) + ": " + invalid.group(2) : picocliMessage;
  }
}
