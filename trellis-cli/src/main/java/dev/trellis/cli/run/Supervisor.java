package dev.trellis.cli.run;

import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import dev.trellis.cli.UserError;
import dev.trellis.proxy.control.LinkStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The life of one application beside its sidecar, as {@code trellis run} drives it:
 *
 * <pre>
 *   sidecar started -- ready (registered, in sync) --> app started
 *   app exits (code N) ---------------------------------> sidecar closed, exit N
 *   SIGHUP ---------------------------------------------> forwarded to the app
 *   SIGTERM / SIGINT --> leave the mesh (deregister)
 *                    --> wait until the other proxies run a snapshot without this instance
 *                    --> forward the signal; the app finishes what it has in flight and exits
 *                    --> sidecar closed, exit with the app's code
 *                    all within --drain-timeout (the wait for proxies within half of it);
 *                    past it, or on a second signal, the app is killed
 * </pre>
 *
 * <p>The sidecar stays open until the application has exited: its in-flight requests arrived
 * through the inbound listener, and finishing them may need the outbound one. The data path does
 * not count inbound requests in flight, so finishing them is the application's own graceful stop
 * after the signal (what servers do on SIGTERM); with such a count the drain could wait for them
 * before signalling, and then serve applications that stop abruptly as well.
 *
 * <p>Threading: one thread calls {@link #awaitReady} then {@link #supervise}; signals and the
 * application's exit arrive from other threads through {@link #onSignal} and an event queue, so
 * that every decision is taken on that one thread.
 */
final class Supervisor {
  private static final long POLL_MILLIS = 10; // the app starts at most this long after the sidecar is ready
  private static final long WAITING_NOTE_NANOS = TimeUnit.SECONDS.toNanos(5);

  private sealed interface Event {}

  private record AppExited(int code) implements Event {}

  private record SignalReceived(String name) implements Event {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final InProcessSidecar sidecar;
  private final ControlClient client;
  private final PrintWriter out;
  private final LongSupplier nanoClock;
  private final Duration drainTimeout;

  Supervisor(InProcessSidecar sidecar, ControlClient client, PrintWriter out, LongSupplier nanoClock,
      Duration drainTimeout) {
    this.sidecar = sidecar;
    this.client = client;
    this.out = out;
    this.nanoClock = nanoClock;
    this.drainTimeout = drainTimeout;
  }

  /** Called from a signal thread: queues the signal for the supervising thread. */
  void onSignal(String name) {
    events.add(new SignalReceived(name));
  }

  /**
   * Waits until the sidecar is ready, saying every few seconds what it waits for.
   *
   * @return the exit code to stop with when SIGTERM or SIGINT came first (128 + signal number),
   *     or -1 once ready
   * @throws UserError when {@code timeout} passes first
   */
  int awaitReady(Duration timeout) throws InterruptedException {
    long start = nanoClock.getAsLong();
    long nextNote = start + WAITING_NOTE_NANOS;
    while (true) {
      LinkStatus status = sidecar.status();
      if (status.ready()) {
        return -1;
      }
      long now = nanoClock.getAsLong();
      if (now - start >= timeout.toNanos()) {
        throw new UserError("the sidecar was not ready within " + DurationConverter.format(timeout) + ", so the"
            + " application was not started: " + status.notReadyReason());
      }
      if (now >= nextNote) {
        note("waiting for the sidecar: " + status.notReadyReason());
        nextNote = now + WAITING_NOTE_NANOS;
      }
      Event event = events.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      if (event instanceof SignalReceived(String name) && !name.equals("HUP")) {
        note("SIG" + name + " before the application started; stopping");
        return 128 + signalNumber(name);
      }
    }
  }

  /** Supervises the started application until it has exited; returns its exit code. */
  int supervise(AppProcess app) throws InterruptedException {
    app.exited().thenAccept(code -> events.add(new AppExited(code)));
    while (true) {
      switch (events.take()) {
        case AppExited(int code) -> {
          note("the application exited with " + code + "; stopping the sidecar");
          sidecar.close();
          return code;
        }
        case SignalReceived(String name) when name.equals("HUP") -> app.signal(name);
        case SignalReceived(String name) -> {
          return drain(app, name);
        }
      }
    }
  }

  private int drain(AppProcess app, String signal) throws InterruptedException {
    long deadline = nanoClock.getAsLong() + drainTimeout.toNanos();
    note("SIG" + signal + ": leaving the mesh, then stopping the application (drain timeout "
        + DurationConverter.format(drainTimeout) + ")");
    long versionBefore = currentVersion();
    sidecar.leaveMesh();
    if (versionBefore >= 0) {
      // At most half the drain time: a proxy that never acks must not leave the application
      // without time to finish what it has in flight.
      List<String> lagging = PeerCatchUp.await(client, sidecar.node(), versionBefore,
          drainTimeout.dividedBy(2), nanoClock);
      if (!lagging.isEmpty()) {
        note("proxies still sending here at the drain timeout: " + String.join(", ", lagging));
      }
    }
    app.signal(signal);
    boolean killed = false;
    while (true) {
      long remaining = deadline - nanoClock.getAsLong();
      if (remaining <= 0 && !killed) {
        note("the application did not exit within the drain timeout; killing it");
        app.kill();
        killed = true;
      }
      Event event = killed ? events.take() : events.poll(remaining, TimeUnit.NANOSECONDS);
      switch (event) {
        case null -> { }
        case AppExited(int code) -> {
          note("the application exited with " + code + "; stopping the sidecar");
          sidecar.close();
          return code;
        }
        case SignalReceived(String name) when name.equals("HUP") -> app.signal(name);
        case SignalReceived(String name) -> {
          if (!killed) {
            note("SIG" + name + " again: killing the application now");
            app.kill();
            killed = true;
          }
        }
      }
    }
  }

  /** The control plane's version now, or -1 when it cannot be reached. */
  private long currentVersion() {
    try {
      return client.proxies().version();
    } catch (ControlApiException e) {
      return -1;
    }
  }

  private void note(String line) {
    out.println("trellis run: " + line);
    out.flush();
  }

  static int signalNumber(String name) {
    return switch (name) {
      case "HUP" -> 1;
      case "INT" -> 2;
      default -> 15;
    };
  }
}
