package dev.trellis.api;

import java.util.List;

/**
 * The body of every error response: a short summary and, when there is more to say, one line per
 * problem (for refused configuration, one {@code file:line: field: value (expected: ...)} each).
 */
public record ApiError(String error, List<String> details) {

  public ApiError {
    details = details == null ? List.of() : List.copyOf(details);
  }

  public static ApiError of(String error) {
    return new ApiError(error, List.of());
  }
}
