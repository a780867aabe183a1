package dev.trellis.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Turns a {@link ProxyError} into the response the caller understands: plain text for HTTP, a
 * trailers-only response with {@code grpc-status} for gRPC (a gRPC client ignores HTTP statuses
 * other than 200 in favour of {@code grpc-status}).
 */
public final class ErrorResponses {
  private ErrorResponses() {}

  /** The response for {@code error} answering {@code request}. Never null. */
  public static FullHttpResponse of(ProxyError error, HttpRequest request, ByteBufAllocator alloc) {
    if (isGrpc(request)) {
      FullHttpResponse response =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, alloc.buffer(0));
      response.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, "application/grpc")
          .set("grpc-status", grpcStatus(error.status()))
          .set("grpc-message", percentEncode(error.reason()))
          .set(ProxyError.HEADER, error.reason())
          .setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
      return response;
    }
    ByteBuf body = alloc.buffer();
    body.writeCharSequence(error.reason() + "\n", StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, error.status(), body);
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8")
        .set(ProxyError.HEADER, error.reason())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
    return response;
  }

  /** True when {@code request} is a gRPC call. */
  public static boolean isGrpc(HttpRequest request) {
    String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
    return type != null && type.startsWith("application/grpc");
  }

  /** The gRPC status code that fits an HTTP status, as gRPC's HTTP mapping says. */
  static int grpcStatus(HttpResponseStatus status) {
    return switch (status.code()) {
      case 400 -> 13; // INTERNAL
      case 401 -> 16; // UNAUTHENTICATED
      case 403 -> 7; // PERMISSION_DENIED
      case 404 -> 12; // UNIMPLEMENTED
      case 429, 502, 503, 504 -> 14; // UNAVAILABLE: the caller may retry elsewhere
      default -> 2; // UNKNOWN
    };
  }

  private static String percentEncode(String message) {
    StringBuilder out = new StringBuilder(message.length());
    for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
      if (b >= 0x20 && b <= 0x7e && b != '%') {
        out.append((char) b);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
