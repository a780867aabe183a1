package dev.trellis.api.client;

import dev.trellis.api.ApiError;
import java.util.List;

/**
 * The control plane refused a call, or could not be reached.
 *
 * <p>{@link #status()} is the HTTP status (e.g. 422 for refused configuration, 409 for a delete
 * that others depend on), or 0 when no response came back (connection refused, timeout), in
 * which case {@link #getCause()} says why. {@link #details()} holds one line per problem, e.g.
 * {@code routes.yaml:14: spec.rules[0].backendRefs[1].weight: -3 (expected: 0..1000000)}.
 */
public final class ControlApiException extends RuntimeException {
  private final int status;
  private final String error;
  private final List<String> details;

  public ControlApiException(int status, ApiError body) {
    super(message(status, body.error(), body.details()));
    this.status = status;
    this.error = body.error();
    this.details = body.details();
  }

  public ControlApiException(String error, Throwable cause) {
    super(error + ": " + cause, cause);
    this.status = 0;
    this.error = error;
    this.details = List.of();
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public List<String> details() {
    return details;
  }

  private static String message(int status, String error, List<String> details) {
    StringBuilder out = new StringBuilder().append(status).append(' ').append(error);
    for (String detail : details) {
      out.append("\n  ").append(detail);
    }
    return out.toString();
  }
}
