package dev.trellis.bench.cli;

import dev.trellis.bench.proc.ProcFs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs an external load tool (wrk, h2load) to its end, with the watched proxy processes' CPU time
 * and memory read just before it starts and just after it ends, so that their figures cover the
 * tool's run and nothing else. The tool's stderr goes to ours; its stdout is kept for parsing.
 *
 * @param output what the tool printed on stdout
 * @param exit   its exit code
 * @param window the watched processes' use over the run
 */
record WatchedTool(String output, int exit, ProcessWindow window) {

  static WatchedTool run(List<String> command, List<ProcessArg> processes)
      throws IOException, InterruptedException {
    ProcessWindow window = new ProcessWindow(ProcFs.system(), processes);
    window.windowOpened();
    Process tool = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = tool.waitFor();
    window.windowClosed();
    return new WatchedTool(output, exit, window);
  }
}
