package dev.trellis.control.store;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link MeshState} and commits every change to it, one at a time.
 *
 * <p>A change is a function of the current state, run on the store's single writer thread so
 * that changes never interleave. When it reports a change, the store bumps the version by one,
 * writes the new state to disk (atomically, {@link StateFile}), and only then makes it current
 * and tells the listeners; the caller's future completes after that, so an acknowledged change
 * is durable and already visible. A change that throws (an {@link Error} included) leaves
 * everything as it was and fails the caller's future with what it threw.
 *
 * <p>Threading: {@link #current()} is lock-free from any thread. Listeners are called on the
 * writer thread, in version order, and must not block (they hand work to their own threads).
 */
public final class StateStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StateStore.class);

  /** A change to the state: computes the next state and the answer for the caller. */
  @FunctionalInterface
  public interface Change<T> {
    Outcome<T> apply(MeshState current) throws Exception;
  }

  /**
   * What a change decided: a new state to commit (with the version unbumped), or none.
   *
   * @param next   the new state, or null when nothing changes
   * @param result the answer; may be a function of the committed version via {@link #committed}
   */
  public record Outcome<T>(MeshState next, java.util.function.LongFunction<T> result) {
    public static <T> Outcome<T> committed(MeshState next, java.util.function.LongFunction<T> result) {
      return new Outcome<>(next, result);
    }

    public static <T> Outcome<T> unchanged(T result) {
      return new Outcome<>(null, version -> result);
    }
  }

  private final StateFile file;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(
      Thread.ofPlatform().daemon().name("trellis-store").factory());
  private final List<Consumer<MeshState>> listeners = new CopyOnWriteArrayList<>();
  private volatile MeshState current;

  public StateStore(StateFile file, MeshState initial) {
    this.file = file;
    this.current = initial;
  }

  public MeshState current() {
    return current;
  }

  /** Calls {@code listener} with every state committed from now on, on the writer thread. */
  public void addListener(Consumer<MeshState> listener) {
    listeners.add(listener);
  }

  /** Runs {@code change} on the writer thread; completes once it is durable and published. */
  public <T> CompletableFuture<T> update(Change<T> change) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    try {
      writer.execute(() -> {
        try {
          commit(change, answer);
        } catch (Throwable e) {
          // An Error too (a stack overflow in a change, say): the caller must get an answer, or
          // its connection would wait forever. A no-op when the answer was already given.
          log.error("change failed on the store's writer thread", e);
          answer.completeExceptionally(e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      answer.completeExceptionally(new IllegalStateException("the store is closed", e));
    }
    return answer;
  }

  private <T> void commit(Change<T> change, CompletableFuture<T> answer) {
    MeshState before = current;
    Outcome<T> outcome;
    try {
      outcome = change.apply(before);
    } catch (Throwable e) {
      answer.completeExceptionally(e);
      return;
    }
    if (outcome.next() == null) {
      answer.complete(outcome.result().apply(before.version()));
      return;
    }
    MeshState next = outcome.next().withVersion(before.version() + 1);
    try {
      file.write(next);
    } catch (IOException e) {
      log.error("cannot write {}; change refused", file.path(), e);
      answer.completeExceptionally(new IOException("cannot persist state to " + file.path(), e));
      return;
    }
    current = next;
    for (Consumer<MeshState> listener : listeners) {
      try {
        listener.accept(next);
      } catch (RuntimeException e) {
        log.error("state listener failed at version {}", next.version(), e);
      }
    }
    answer.complete(outcome.result().apply(next.version()));
  }

  @Override
  public void close() throws InterruptedException {
    writer.shutdown();
    writer.awaitTermination(5, TimeUnit.SECONDS);
  }
}
