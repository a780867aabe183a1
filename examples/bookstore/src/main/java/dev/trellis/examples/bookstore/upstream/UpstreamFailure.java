package dev.trellis.examples.bookstore.upstream;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * Turns a failed call to an upstream into one line a person can act on.
 *
 * <p>When a sidecar failed the call, its {@code x-trellis-error} header says why, and that is
 * the most useful thing to show: {@code catalog answered 503: no healthy endpoint (x-trellis-error)}.
 */
public final class UpstreamFailure {
  /** The header in which a Trellis proxy says why it failed a request. */
  public static final String TRELLIS_ERROR_HEADER = "x-trellis-error";

  private static final int MAX_BODY_CHARS = 200;

  private UpstreamFailure() {}

  /** For an answer with an unexpected status. */
  public static String ofResponse(Upstream upstream, HttpResponse<byte[]> response) {
    String prefix = upstream.service() + " answered " + response.statusCode();
    var meshError = response.headers().firstValue(TRELLIS_ERROR_HEADER);
    if (meshError.isPresent()) {
      return prefix + ": " + meshError.get() + " (" + TRELLIS_ERROR_HEADER + ")";
    }
    String body = new String(response.body(), StandardCharsets.UTF_8).strip();
    if (body.isEmpty()) {
      return prefix;
    }
    return prefix + ": " + (body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) + "..." : body);
  }

  /** For a call that got no answer at all. */
  public static String ofException(Upstream upstream, Throwable failure, Duration timeout) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof HttpTimeoutException) {
      return upstream.service() + " did not answer within " + timeout.toMillis() + "ms";
    }
    if (cause instanceof ConnectException) {
      return upstream.service() + " unreachable at " + upstream.address() + ": connection refused";
    }
    return upstream.service() + " call failed: " + cause;
  }
}
