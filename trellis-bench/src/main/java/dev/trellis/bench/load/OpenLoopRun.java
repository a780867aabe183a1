package dev.trellis.bench.load;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * The state of one open-loop run: it releases requests on their schedule, hands each to a
 * connection in turn, and records how each one ended.
 *
 * <p>Threading: confined to one event loop. Every method must be called on {@code loop}; the
 * connections live on the same loop, so nothing here is shared between threads. The result is
 * published through {@code done}.
 */
final class OpenLoopRun {

  /** Latencies above this (ten minutes) are recorded as this: the histogram has to end somewhere. */
  private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final LoadSettings settings;
  private final EventLoop loop;
  private final LongSupplier nanoClock;
  private final WindowListener listener;
  private final Promise<LoadResult> done;
  private final Histogram latency = new Histogram(HIGHEST_NANOS, 3);

  private OpenLoopSchedule schedule;
  private long windowStart;
  private long windowEnd;
  private LoadConnection[] connections;
  private long nextIndex;
  private long finished;
  private long completedInWindow;
  private long errorsInWindow;
  private boolean windowClosed;

  OpenLoopRun(LoadSettings settings, EventLoop loop, LongSupplier nanoClock, WindowListener listener,
      Promise<LoadResult> done) {
    this.settings = settings;
    this.loop = loop;
    this.nanoClock = nanoClock;
    this.listener = listener;
    this.done = done;
  }

  /** Starts sending at {@code startNanos} over {@code connections}, all connected and idle. */
  void start(long startNanos, LoadConnection[] connections) {
    this.connections = connections;
    long warmup = settings.warmup().toNanos();
    long measure = settings.measure().toNanos();
    schedule = OpenLoopSchedule.of(startNanos, settings.ratePerSecond(), warmup + measure);
    windowStart = startNanos + warmup;
    windowEnd = schedule.endNanos();
    loop.schedule(listener::windowOpened, delayUntil(windowStart), TimeUnit.NANOSECONDS);
    loop.schedule(this::closeWindow, delayUntil(windowEnd), TimeUnit.NANOSECONDS);
    loop.schedule(this::giveUp, delayUntil(windowEnd) + settings.drain().toNanos(), TimeUnit.NANOSECONDS);
    loop.schedule(this::tick, delayUntil(startNanos), TimeUnit.NANOSECONDS);
  }

  /** Releases every request that is due, then sleeps until the next one is. */
  private void tick() {
    if (done.isDone()) {
      return;
    }
    long due = schedule.dueBy(nanoClock.getAsLong());
    while (nextIndex < due) {
      long intended = schedule.intendedNanos(nextIndex);
      connections[(int) (nextIndex % connections.length)].enqueue(intended);
      nextIndex++;
    }
    if (nextIndex < schedule.count()) {
      loop.schedule(this::tick, delayUntil(schedule.intendedNanos(nextIndex)), TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Records how the request meant for {@code intendedNanos} ended.
   *
   * @param succeeded whether it got a 2xx answer
   */
  void finished(long intendedNanos, boolean succeeded) {
    finished++;
    if (intendedNanos >= windowStart && intendedNanos < windowEnd) {
      if (succeeded) {
        completedInWindow++;
        long nanos = Math.max(1, nanoClock.getAsLong() - intendedNanos);
        latency.recordValue(Math.min(nanos, HIGHEST_NANOS));
      } else {
        errorsInWindow++;
      }
    }
    maybeComplete();
  }

  /** The current time on the run's clock. */
  long now() {
    return nanoClock.getAsLong();
  }

  private void closeWindow() {
    windowClosed = true;
    listener.windowClosed();
    maybeComplete();
  }

  private void maybeComplete() {
    if (windowClosed && finished == schedule.count()) {
      complete(0);
    }
  }

  /** The drain is over: whatever is still unanswered in the window counts as an error. */
  private void giveUp() {
    if (done.isDone()) {
      return;
    }
    long unanswered = 0;
    for (LoadConnection connection : connections) {
      unanswered += connection.abandon(windowStart, windowEnd);
    }
    complete(unanswered);
  }

  private void complete(long unansweredInWindow) {
    if (done.isDone()) {
      return;
    }
    for (LoadConnection connection : connections) {
      connection.close();
    }
    done.trySuccess(new LoadResult(settings.ratePerSecond(), windowEnd - windowStart,
        completedInWindow, errorsInWindow + unansweredInWindow, latency));
  }

  private long delayUntil(long nanos) {
    return Math.max(0, nanos - nanoClock.getAsLong());
  }
}
