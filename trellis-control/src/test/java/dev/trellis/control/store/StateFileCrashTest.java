package dev.trellis.control.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed with SIGKILL in the middle of writing state leaves a whole state behind. */
class StateFileCrashTest {
  @TempDir Path dataDir;

  @Test
  void killDashNineMidWriteLeavesTheLastCompleteState() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        StateWriterMain.class.getName(), dataDir.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("writing");
      // Let it write for a random while so the kill lands at a random point of a write.
      Thread.sleep(ThreadLocalRandom.current().nextInt(50, 250));
    } finally {
      writer.destroyForcibly();
      assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(writer.exitValue()).isEqualTo(137); // 128 + SIGKILL: it really died mid-loop

    MeshState survivor = new StateFile(dataDir).read();

    assertThat(survivor.version()).isGreaterThanOrEqualTo(3);
    assertThat(survivor.instances()).hasSize((int) survivor.version());

    // Whatever half-written temporary file the kill left is simply overwritten by the next write.
    StateFile next = new StateFile(dataDir);
    next.write(survivor.withVersion(survivor.version() + 1));
    assertThat(next.read().version()).isEqualTo(survivor.version() + 1);
    assertThat(new File(dataDir.toFile(), "state.json.tmp")).doesNotExist();
  }
}
