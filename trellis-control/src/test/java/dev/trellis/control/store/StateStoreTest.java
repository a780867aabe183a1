package dev.trellis.control.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every change gets an answer, whatever it throws, and the store keeps working after. */
class StateStoreTest {
  @TempDir Path dataDir;

  @Test
  void aChangeThatThrowsAnErrorFailsItsFutureAndLeavesTheStateAlone() throws Exception {
    try (StateStore store = new StateStore(new StateFile(dataDir), MeshState.empty())) {
      var failed = store.<String>update(state -> {
        throw new StackOverflowError("deep");
      });
      assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(StackOverflowError.class);

      var resultFails = store.<String>update(state -> StateStore.Outcome.committed(state,
          version -> { throw new AssertionError("broken answer"); }));
      assertThatThrownBy(() -> resultFails.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(AssertionError.class);

      long version = store.current().version();
      String answer = store.update(state -> StateStore.Outcome.unchanged("still here"))
          .get(5, TimeUnit.SECONDS);
      assertThat(answer).isEqualTo("still here");
      assertThat(store.current().version()).isEqualTo(version);
    }
  }
}
