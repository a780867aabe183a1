package dev.trellis.proxy.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * Reads the gRPC outcome of a response: gRPC answers HTTP 200 and puts its status in the
 * {@code grpc-status} trailer (or header, for a trailers-only answer), so a proxy that looked at
 * HTTP statuses alone would count every failed call as a success.
 */
public final class GrpcStatus {
  /** No {@code grpc-status} seen (not gRPC, or the response has not ended). */
  public static final int NONE = -1;

  private static final AsciiString GRPC_STATUS = AsciiString.cached("grpc-status");

  private GrpcStatus() {}

  /** The {@code grpc-status} in {@code headers}, or {@link #NONE}. */
  public static int of(HttpHeaders headers) {
    String value = headers.get(GRPC_STATUS);
    if (value == null) {
      return NONE;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return 2; // UNKNOWN: an unreadable status is a broken answer
    }
  }

  /**
   * True for the statuses that say the server (or the path to it) failed, which is what load
   * balancing and outlier detection should count: UNKNOWN, DEADLINE_EXCEEDED, INTERNAL,
   * UNAVAILABLE, DATA_LOSS. Statuses about the request itself (NOT_FOUND, INVALID_ARGUMENT,
   * PERMISSION_DENIED...) are the caller's business and count as answers.
   */
  public static boolean isServerFailure(int status) {
    return status == 2 || status == 4 || status == 13 || status == 14 || status == 15;
  }
}
