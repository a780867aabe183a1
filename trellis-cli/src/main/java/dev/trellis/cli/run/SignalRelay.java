package dev.trellis.cli.run;

import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * Hands SIGTERM, SIGINT and SIGHUP to a listener instead of letting them stop the JVM, so that
 * {@code trellis run} decides what each means for its application.
 *
 * <p>The listener runs on a thread the JVM creates per signal; it should only hand the signal
 * over (e.g. to a queue) and return.
 */
final class SignalRelay {
  static final List<String> SIGNALS = List.of("TERM", "INT", "HUP");

  private SignalRelay() {}

  /** Installs the handlers; {@code listener} receives the signal's name ({@code TERM} ...). */
  static void install(Consumer<String> listener) {
    for (String name : SIGNALS) {
      Signal.handle(new Signal(name), signal -> listener.accept(signal.getName()));
    }
  }
}
