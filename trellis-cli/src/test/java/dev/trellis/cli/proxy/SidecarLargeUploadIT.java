package dev.trellis.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.testkit.app.ScriptedApp;
import dev.trellis.testkit.client.Curl;
import dev.trellis.testkit.process.CommandResult;
import dev.trellis.testkit.process.ControlPlaneProcess;
import dev.trellis.testkit.process.Distribution;
import dev.trellis.testkit.process.SidecarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB upload streams through two sidecars whose JVMs could hold only a small part of it: the
 * body is generated on the fly ({@code head -c} into curl's stdin), never a file, and the
 * application counts what arrives.
 */
class SidecarLargeUploadIT {
  private static final long ONE_GIB = 1L << 30;
  /** Far less memory than the body: a sidecar that buffered it would die of OutOfMemoryError. */
  private static final String SMALL_HEAP = "-Xmx128m -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError";

  @TempDir Path dir;

  private static String commandLine(long pid) {
    return ProcessHandle.of(pid).flatMap(handle -> handle.info().arguments())
        .map(arguments -> String.join(" ", arguments)).orElseThrow();
  }

  /** The process's peak resident set (VmHWM) in KiB, from Linux's /proc. */
  private static long peakResidentKib(long pid) throws java.io.IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
        .filter(line -> line.startsWith("VmHWM:"))
        .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
        .findFirst().orElseThrow();
  }

  @Test
  void oneGibibyteStreamsThroughBothSidecarsWithBoundedHeaps() throws Exception {
    Distribution dist = Distribution.fromSystemProperty();
    try (ControlPlaneProcess control = ControlPlaneProcess.start(dist, Files.createDirectory(dir.resolve("control")));
        ScriptedApp app = ScriptedApp.start("store-1")) {
      Path mesh = dir.resolve("mesh.yaml");
      Files.writeString(mesh, """
          apiVersion: trellis.dev/v1alpha1
          kind: Service
          metadata: {name: store}
          spec: {ports: [{name: http, port: 8080}]}
          """);
      CommandResult applied = control.cli("apply", "-f", mesh.toString());
      assertThat(applied.exitCode()).as(applied.describe()).isZero();
      try (SidecarProcess store = SidecarProcess.builder(dist, control, "store", Files.createDirectory(dir.resolve("store")))
              .appPort(8080, app.port()).javaOpts(SMALL_HEAP).start();
          SidecarProcess uploader = SidecarProcess.builder(dist, control, "uploader",
                  Files.createDirectory(dir.resolve("uploader")))
              .appPort(8080, 1).upstream("store").javaOpts(SMALL_HEAP).start()) {
        int port = uploader.upstreamPort("store");
        // The limits reached the JVMs (a sidecar with a default heap would prove nothing).
        assertThat(commandLine(store.process().pid())).contains("-Xmx128m", "-XX:MaxDirectMemorySize=64m");
        assertThat(commandLine(uploader.process().pid())).contains("-Xmx128m", "-XX:MaxDirectMemorySize=64m");

        Curl.Result result = Curl.shell("head -c " + ONE_GIB + " /dev/zero | curl -sS --fail-with-body"
            + " -X POST -T - -H 'Content-Type: application/octet-stream'"
            + " http://127.0.0.1:" + port + "/count", Duration.ofMinutes(3));

        assertThat(result.stdout()).as(result.describe()).isEqualTo("count=" + ONE_GIB);
        assertThat(store.process().isAlive()).as(store.process().describe()).isTrue();
        assertThat(uploader.process().isAlive()).as(uploader.process().describe()).isTrue();
        assertThat(store.process().stderr() + uploader.process().stderr()).doesNotContain("OutOfMemoryError");
        // The whole process, native memory included, stayed far below the body's size.
        assertThat(peakResidentKib(store.process().pid())).isLessThan(512 * 1024);
        assertThat(peakResidentKib(uploader.process().pid())).isLessThan(512 * 1024);
      }
    }
  }
}
