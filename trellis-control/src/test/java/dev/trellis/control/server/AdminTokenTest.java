package dev.trellis.control.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin token file appears whole, private, and once, even when starts race. */
class AdminTokenTest {
  @TempDir Path dataDir;

  @Test
  void createdPrivateAndReadBackUnchanged() throws Exception {
    String token = AdminToken.loadOrCreate(dataDir);

    Path file = dataDir.resolve("admin-token");
    assertThat(token).matches("[0-9a-f]{64}");
    assertThat(Files.readString(file)).isEqualTo(token + "\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(AdminToken.loadOrCreate(dataDir)).isEqualTo(token);
    try (Stream<Path> files = Files.list(dataDir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void racingStartsNeverSeeAnEmptyFileAndAgreeOnOneToken() throws Exception {
    for (int round = 0; round < 20; round++) {
      Path dir = Files.createDirectory(dataDir.resolve("round-" + round));
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService starts = Executors.newFixedThreadPool(4);
      try {
        List<Future<String>> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          tokens.add(starts.submit(() -> {
            go.await();
            return AdminToken.loadOrCreate(dir);
          }));
        }
        go.countDown();
        String first = tokens.get(0).get();
        for (Future<String> token : tokens) {
          assertThat(token.get()).isEqualTo(first);
        }
        assertThat(Files.readString(dir.resolve("admin-token")).strip()).isEqualTo(first);
      } finally {
        starts.shutdownNow();
      }
    }
  }
}
