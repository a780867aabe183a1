package dev.trellis.cli.run;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The application {@code trellis run} supervises: a child process sharing its terminal (stdin,
 * stdout, stderr), with the mesh's variables added to its environment.
 *
 * <p>Threading: every method may be called from any thread.
 */
final class AppProcess {
  private final Process process;
  private final List<String> command;

  private AppProcess(Process process, List<String> command) {
    this.process = process;
    this.command = command;
  }

  /**
   * Starts {@code command} with {@code environment} added to the inherited one.
   *
   * @throws IOException when it cannot be started (no such program, not executable)
   */
  static AppProcess start(List<String> command, Map<String, String> environment) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().putAll(environment);
    return new AppProcess(builder.start(), List.copyOf(command));
  }

  long pid() {
    return process.pid();
  }

  List<String> command() {
    return command;
  }

  /** Completes with the exit code once the application has exited. */
  CompletableFuture<Integer> exited() {
    return process.onExit().thenApply(Process::exitValue);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Sends the signal {@code name} ({@code TERM}, {@code INT}, {@code HUP}) to the application.
   * SIGTERM goes through the JDK; the others, which it has no call for, through {@code kill}.
   */
  void signal(String name) {
    if (!process.isAlive()) {
      return;
    }
    if (name.equals("TERM")) {
      process.destroy();
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      // No kill(1): SIGTERM is the closest the JDK can send.
      process.destroy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL to the application and everything it started. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
