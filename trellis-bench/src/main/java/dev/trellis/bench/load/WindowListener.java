package dev.trellis.bench.load;

/**
 * Told when a run's measured window opens and closes, so resource use (CPU time of the proxy
 * processes) can be read over exactly the window the latencies describe.
 *
 * <p>Called on the generator's event loop: implementations must be quick (reading a few
 * {@code /proc} files is fine) and must not block on the network.
 */
public interface WindowListener {

  /** The window opens: the first request it counts is being sent now. */
  void windowOpened();

  /** The window closes: the last request it counts has been sent. */
  void windowClosed();

  /** A listener that does nothing. */
  WindowListener NONE = new WindowListener() {
    @Override
    public void windowOpened() {}

    @Override
    public void windowClosed() {}
  };
}
