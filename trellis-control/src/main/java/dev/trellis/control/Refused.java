package dev.trellis.control;

import java.util.List;

/**
 * A call the control plane refuses, with why: thrown by the store and the registry, turned into
 * the matching HTTP status and error body by the admin API.
 */
public final class Refused extends RuntimeException {

  /** Why a call was refused; each maps to one HTTP status. */
  public enum Reason {
    /** 400: the request itself is malformed. */
    BAD_REQUEST,
    /** 404: it names something that does not exist. */
    NOT_FOUND,
    /** 409: it would break something that depends on what it changes. */
    CONFLICT,
    /** 422: the configuration it carries is invalid. */
    INVALID
  }

  private final Reason reason;
  private final List<String> details;

  public Refused(Reason reason, String message, List<String> details) {
    super(message, null, false, false);
    this.reason = reason;
    this.details = List.copyOf(details);
  }

  public Refused(Reason reason, String message) {
    this(reason, message, List.of());
  }

  public Reason reason() {
    return reason;
  }

  public List<String> details() {
    return details;
  }
}
