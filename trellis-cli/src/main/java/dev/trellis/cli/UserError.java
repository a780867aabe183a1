package dev.trellis.cli;

import java.util.List;

/** A command failed for a reason the user can act on; printed without a stack trace. */
public final class UserError extends RuntimeException {
  private final List<String> details;

  public UserError(String message) {
    this(message, List.of());
  }

  public UserError(String message, List<String> details) {
    super(message);
    this.details = List.copyOf(details);
  }

  /** Lines printed under the message, e.g. one per configuration error. */
  public List<String> details() {
    return details;
  }
}
