package dev.trellis.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcReadersTest {

  @Test
  void statSumsUserAndSystemTicksEvenWhenTheNameHasParenthesesAndSpaces() throws IOException {
    String stat = Files.readString(sampleProc().resolve("4242/stat"));

    assertThat(ProcStat.cpuTicks(stat)).isEqualTo(1234 + 567);
  }

  @Test
  void statOfThisVeryProcessParses() throws IOException {
    assertThat(ProcStat.cpuTicks(Files.readString(Path.of("/proc/self/stat")))).isNotNegative();
  }

  @Test
  void statRefusesTextThatIsNotAStatFile() {
    assertThatThrownBy(() -> ProcStat.cpuTicks("hello"))
        .hasMessage("/proc/PID/stat: no command name in parentheses in \"hello\"");
    assertThatThrownBy(() -> ProcStat.cpuTicks("1 (x) S 1 2"))
        .hasMessage("/proc/PID/stat: 5 fields (expected: at least 15)");
    assertThatThrownBy(() -> ProcStat.cpuTicks("1 (x) S 1 1 1 0 -1 0 0 0 0 0 ten 5"))
        .hasMessage("/proc/PID/stat: field 14: ten (expected: a count of clock ticks)");
  }

  @Test
  void statusReadsPeakAndCurrentRss() throws IOException {
    String status = Files.readString(sampleProc().resolve("4242/status"));

    assertThat(ProcStatus.peakRssKib(status)).isEqualTo(12345);
    assertThat(ProcStatus.rssKib(status)).isEqualTo(11000);
  }

  @Test
  void statusWithoutVmHwmIsRefused() {
    assertThatThrownBy(() -> ProcStatus.peakRssKib("Name:\tkthreadd\nState:\tS\n"))
        .hasMessage("/proc/PID/status: no VmHWM line");
    assertThatThrownBy(() -> ProcStatus.peakRssKib("VmHWM:\t lots kB\n"))
        .hasMessage("/proc/PID/status: VmHWM: lots kB (expected: <number> kB)");
  }

  @Test
  void procFsSamplesAProcessAndConvertsTicksToSeconds() throws IOException {
    ProcFs procFs = new ProcFs(sampleProc(), 100);

    ProcessSample before = procFs.sample("haproxy-outbound", 4242);
    ProcessSample after = new ProcessSample("haproxy-outbound", 4242, before.cpuTicks() + 250, 12400, 12000);

    assertThat(before).isEqualTo(new ProcessSample("haproxy-outbound", 4242, 1801, 12345, 11000));
    assertThat(procFs.cpuSecondsBetween(before, after)).isEqualTo(2.5);
  }

  @Test
  void aProcessThatIsGoneIsAnIoErrorNamingIt(@TempDir Path empty) {
    ProcFs procFs = new ProcFs(empty, 100);

    assertThatThrownBy(() -> procFs.sample("nginx-inbound", 99))
        .isInstanceOf(IOException.class)
        .hasMessage("process 99 (nginx-inbound) is gone: no " + empty.resolve("99/stat"));
  }

  @Test
  void aBrokenStatFileIsAnIoErrorNamingTheProcess(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("7"));
    Files.writeString(root.resolve("7/stat"), "garbage");
    Files.writeString(root.resolve("7/status"), "VmHWM:\t1 kB\n");

    assertThatThrownBy(() -> new ProcFs(root, 100).sample("trellis-inbound", 7))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("process 7 (trellis-inbound): /proc/PID/stat: no command name");
  }

  @Test
  void clockTicksComeFromGetconfOutput() {
    assertThat(ClockTicks.parse("100\n")).isEqualTo(100);
    assertThatThrownBy(() -> ClockTicks.parse("undefined\n"))
        .hasMessage("getconf CLK_TCK: undefined (expected: a positive integer)");
    assertThat(ClockTicks.perSecond()).isPositive();
  }

  private static Path sampleProc() {
    try {
      return Path.of(ProcReadersTest.class.getResource("/proc/4242/stat").toURI()).getParent().getParent();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }
}
