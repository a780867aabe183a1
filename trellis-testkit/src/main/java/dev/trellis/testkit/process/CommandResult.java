package dev.trellis.testkit.process;

import java.util.List;

/** What one finished command did: its exit code and everything it printed. */
public record CommandResult(List<String> args, int exitCode, String stdout, String stderr) {

  /** For assertion messages: the command, its exit code and its output. */
  public String describe() {
    return "trellis " + String.join(" ", args) + " -> exit " + exitCode
        + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}
