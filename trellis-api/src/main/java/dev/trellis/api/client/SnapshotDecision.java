package dev.trellis.api.client;

/**
 * What a proxy answers to a snapshot: it runs it (ack), or refuses it and keeps the previous one
 * (nack, with the reason the control plane records for {@code trellis status}).
 */
public record SnapshotDecision(boolean accepted, String error) {
  private static final SnapshotDecision ACK = new SnapshotDecision(true, null);

  public static SnapshotDecision ack() {
    return ACK;
  }

  public static SnapshotDecision nack(String error) {
    return new SnapshotDecision(false, error == null ? "refused" : error);
  }
}
