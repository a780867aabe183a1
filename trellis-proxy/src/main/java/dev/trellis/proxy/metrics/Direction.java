package dev.trellis.proxy.metrics;

/** Which request path an exchange took, as the {@code direction} label says it. */
public enum Direction {
  /** From a peer sidecar to the local application. */
  INBOUND("inbound"),
  /** From the local application to another service. */
  OUTBOUND("outbound");

  private final String label;

  Direction(String label) {
    this.label = label;
  }

  /** The label value: {@code inbound} or {@code outbound}. */
  public String label() {
    return label;
  }
}
