package dev.trellis.control.api;

import dev.trellis.api.ApiError;
import dev.trellis.control.Refused;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An answer to write back as JSON: a status and a body object (null for none).
 */
public record ApiResponse(int status, Object body) {

  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body);
  }

  public static CompletableFuture<ApiResponse> okNow(Object body) {
    return CompletableFuture.completedFuture(ok(body));
  }

  public static ApiResponse error(int status, String error, List<String> details) {
    return new ApiResponse(status, new ApiError(error, details));
  }

  /**
   * The answer for a failure: a {@link Refused} gets the status its reason maps to; anything
   * else is the control plane's own fault, 500 with the exception's message.
   */
  public static ApiResponse of(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof Refused refused) {
      int status = switch (refused.reason()) {
        case BAD_REQUEST -> 400;
        case NOT_FOUND -> 404;
        case CONFLICT -> 409;
        case INVALID -> 422;
      };
      return error(status, refused.getMessage(), refused.details());
    }
    if (cause instanceof java.io.IOException) {
      // The store could not write its state: nothing was changed, and the caller may retry.
      return error(503, cause.getMessage(), List.of(String.valueOf(cause.getCause())));
    }
    return error(500, "internal error: " + cause, List.of());
  }
}
