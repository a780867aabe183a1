package dev.trellis.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.bench.proc.ProcFs;
import dev.trellis.bench.report.ProcessUse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessWindowTest {

  /** The sampler thread never wakes in a test: the test samples by hand, so no real time passes. */
  private static final Duration NEVER = Duration.ofHours(1);

  @Test
  void rssUnderLoadIsTheLargestSampledWhileTheWindowWasOpenNotTheLifetimePeak(@TempDir Path proc)
      throws IOException {
    writeProcess(proc, 7, 100, 150_000, 90_000);
    ProcessWindow window = new ProcessWindow(new ProcFs(proc, 100), List.of(new ProcessArg("out", 7)), NEVER);

    window.windowOpened();
    writeProcess(proc, 7, 300, 150_000, 120_000);
    window.sampleRss();
    writeProcess(proc, 7, 500, 150_000, 100_000);
    window.windowClosed();

    assertThat(window.uses()).containsExactly(new ProcessUse("out", 7, 4.0, 150_000, 120_000L));
  }

  @Test
  void aProcessThatDiesWhileTheWindowIsOpenIsReported(@TempDir Path proc) throws IOException {
    writeProcess(proc, 8, 100, 50_000, 40_000);
    ProcessWindow window = new ProcessWindow(new ProcFs(proc, 100), List.of(new ProcessArg("in", 8)), NEVER);

    window.windowOpened();
    Files.delete(proc.resolve("8/status"));
    window.sampleRss();
    window.windowClosed();

    assertThatThrownBy(window::uses).isInstanceOf(IOException.class).hasMessageContaining("process 8 (in) is gone");
  }

  private static void writeProcess(Path proc, long pid, long cpuTicks, long hwmKib, long rssKib) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.writeString(dir.resolve("stat"), pid + " (java) S 1 1 1 0 -1 0 0 0 0 0 " + cpuTicks + " 0 0 0\n");
    Files.writeString(dir.resolve("status"), "Name:\tjava\nVmHWM:\t" + hwmKib + " kB\nVmRSS:\t" + rssKib + " kB\n");
  }
}
