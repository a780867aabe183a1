package dev.trellis.bench.cli;

import dev.trellis.bench.load.WindowListener;
import dev.trellis.bench.proc.ProcFs;
import dev.trellis.bench.proc.ProcessSample;
import dev.trellis.bench.report.ProcessUse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Samples the watched processes when a measured window opens and closes, and turns the two
 * samples into what each process used in between; while the window is open, it also samples
 * each process's current RSS every {@link #RSS_INTERVAL} and keeps the largest.
 *
 * <p>Called on the load generator's event loop (as a {@link WindowListener}) or by the wrk
 * wrapper's thread; {@link #uses} is read after the window closed, by the thread that ran it.
 * The RSS sampling runs on a daemon thread of its own, started when the window opens and
 * stopped when it closes, so that the caller's thread never waits on {@code /proc}.
 * A process that cannot be read (it died) is remembered and reported by {@link #uses}.
 */
final class ProcessWindow implements WindowListener {

  /** Often enough to see a burst of a second or two, rare enough to cost nothing measurable. */
  static final Duration RSS_INTERVAL = Duration.ofMillis(250);

  private final ProcFs procFs;
  private final List<ProcessArg> processes;
  private final Duration rssInterval;
  private final AtomicLongArray loadRssKib;
  private List<ProcessSample> before = List.of();
  private List<ProcessSample> after = List.of();
  private volatile IOException failure;
  private Thread rssSampler;

  ProcessWindow(ProcFs procFs, List<ProcessArg> processes) {
    this(procFs, processes, RSS_INTERVAL);
  }

  ProcessWindow(ProcFs procFs, List<ProcessArg> processes, Duration rssInterval) {
    this.procFs = procFs;
    this.processes = List.copyOf(processes);
    this.rssInterval = rssInterval;
    this.loadRssKib = new AtomicLongArray(this.processes.size());
  }

  @Override
  public void windowOpened() {
    before = sampleAll();
    rssSampler = Thread.ofPlatform().daemon().name("bench-rss-sampler").start(this::sampleRssUntilInterrupted);
  }

  @Override
  public void windowClosed() {
    if (rssSampler != null) {
      rssSampler.interrupt();
    }
    after = sampleAll();
  }

  /**
   * CPU seconds within the window, peak RSS at its end and the largest RSS sampled within it,
   * per process, in the order given.
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
      uses.add(new ProcessUse(end.name(), end.pid(), procFs.cpuSecondsBetween(start, end), end.peakRssKib(),
          loadRssKib.get(i)));
    }
    return uses;
  }

  /** Samples the current RSS of every process once, keeping the largest seen per process. */
  void sampleRss() {
    for (int i = 0; i < processes.size(); i++) {
      ProcessArg process = processes.get(i);
      try {
        long kib = procFs.rssKib(process.name(), process.pid());
        loadRssKib.accumulateAndGet(i, kib, Math::max);
      } catch (IOException e) {
        remember(e);
      }
    }
  }

  private void sampleRssUntilInterrupted() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(rssInterval);
        sampleRss();
      }
    } catch (InterruptedException e) {
      // the window closed: its own sample at the close counts as the last one
    }
  }

  private List<ProcessSample> sampleAll() {
    List<ProcessSample> samples = new ArrayList<>();
    for (int i = 0; i < processes.size(); i++) {
      ProcessArg process = processes.get(i);
      try {
        ProcessSample sample = procFs.sample(process.name(), process.pid());
        samples.add(sample);
        loadRssKib.accumulateAndGet(i, sample.rssKib(), Math::max);
      } catch (IOException e) {
        remember(e);
      }
    }
    return samples;
  }

  private synchronized void remember(IOException e) {
    if (failure == null) {
      failure = e;
    }
  }
}
