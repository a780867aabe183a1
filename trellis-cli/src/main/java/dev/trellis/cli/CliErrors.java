package dev.trellis.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one clear line on stderr and exit code 1.
 *
 * <p>A {@link UserError} is an expected failure (unreachable control plane, refused configuration)
 * and prints its message alone; anything else is a bug and keeps its stack trace.
 */
final class CliErrors implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parsed) {
    var err = commandLine.getErr();
    if (ex instanceof UserError userError) {
      err.println("error: " + userError.getMessage());
      for (String detail : userError.details()) {
        err.println("  " + detail);
      }
    } else {
      err.println("error: " + ex);
      ex.printStackTrace(err);
    }
    err.flush();
    return 1;
  }
}
