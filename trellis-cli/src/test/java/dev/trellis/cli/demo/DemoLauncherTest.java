package dev.trellis.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoLauncherTest {
  private final DemoLauncher launcher = new DemoLauncher(Path.of("/jdk/bin/java"), "/dist/lib/*");

  @Test
  void eachServiceRunsBesideItsSidecarUnderTrellisRun() {
    DemoService catalog = DemoService.bookstore().stream().filter(s -> s.name().equals("catalog-2")).findFirst().orElseThrow();

    List<String> command = launcher.commandLine(catalog);

    String line = String.join(" ", command);
    assertThat(line).startsWith("/jdk/bin/java ").contains(" -cp /dist/lib/* dev.trellis.cli.TrellisCli run"
        + " --service catalog --port 0 --upstream inventory:0 --label version=v1 --drain-timeout 5s -- /jdk/bin/java ");
    assertThat(line).endsWith(" -cp /dist/lib/* dev.trellis.examples.bookstore.Bookstore catalog --version v1"
        + " --instance catalog-2");
  }

  @Test
  void theLoadGeneratorServesNothingAndCallsWeb() {
    String line = String.join(" ", launcher.commandLine(DemoService.loadgen(5, 60)));
    assertThat(line).contains("run --service loadgen --upstream web:0 --drain-timeout 5s --")
        .doesNotContain("--port 0")
        .endsWith("Bookstore loadgen --rps 5 --duration 60s --max-error-rate 1");
  }

  @Test
  void theBookstoreIsWebCatalogTwiceCatalogV2InventoryAndReviews() {
    assertThat(DemoService.bookstore()).extracting(DemoService::service)
        .containsExactlyInAnyOrder("inventory", "reviews", "catalog", "catalog", "catalog-v2", "web");
  }
}
