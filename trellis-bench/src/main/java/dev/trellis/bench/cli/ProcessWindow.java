package dev.trellis.bench.cli;

import dev.trellis.bench.load.WindowListener;
import dev.trellis.bench.proc.ProcFs;
import dev.trellis.bench.proc.ProcessSample;
import dev.trellis.bench.report.ProcessUse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples the watched processes when a measured window opens and closes, and turns the two
 * samples into what each process used in between.
 *
 * <p>Called on the load generator's event loop (as a {@link WindowListener}) or by the wrk
 * wrapper's thread; {@link #uses} is read after the window closed, by the thread that ran it.
 * A process that cannot be read (it died) is remembered and reported by {@link #uses}.
 */
final class ProcessWindow implements WindowListener {

  private final ProcFs procFs;
  private final List<ProcessArg> processes;
  private List<ProcessSample> before = List.of();
  private List<ProcessSample> after = List.of();
  private IOException failure;

  ProcessWindow(ProcFs procFs, List<ProcessArg> processes) {
    this.procFs = procFs;
    this.processes = List.copyOf(processes);
  }

  @Override
  public void windowOpened() {
    before = sampleAll();
  }

  @Override
  public void windowClosed() {
    after = sampleAll();
  }

  /**
   * CPU seconds within the window and peak RSS at its end, per process, in the order given.
   *
   * @throws IOException when a process could not be read at either end
   */
  List<ProcessUse> uses() throws IOException {
    if (failure != null) {
      throw failure;
    }
    List<ProcessUse> uses = new ArrayList<>();
    for (int i = 0; i < before.size() && i < after.size(); i++) {
      ProcessSample start = before.get(i);
      ProcessSample end = after.get(i);
      uses.add(new ProcessUse(end.name(), end.pid(), procFs.cpuSecondsBetween(start, end), end.peakRssKib()));
    }
    return uses;
  }

  private List<ProcessSample> sampleAll() {
    List<ProcessSample> samples = new ArrayList<>();
    for (ProcessArg process : processes) {
      try {
        samples.add(procFs.sample(process.name(), process.pid()));
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
    return samples;
  }
}
