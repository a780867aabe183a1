package dev.trellis.proxy.mesh;

import java.util.Locale;

/** The protocol a service declares on a port ({@code appProtocol}); never sniffed. */
public enum AppProtocol {
  HTTP,
  HTTP2,
  GRPC,
  TCP;

  /** True for the protocols the proxy understands as HTTP requests. */
  public boolean isHttp() {
    return this != TCP;
  }

  /** True when the application speaks HTTP/2 (h2c prior knowledge) on this port. */
  public boolean speaksHttp2() {
    return this == HTTP2 || this == GRPC;
  }

  /** The protocol named {@code value} ({@code http}, {@code http2}, {@code grpc}, {@code tcp}). */
  public static AppProtocol parse(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "http", "http1", "http/1.1" -> HTTP;
      case "http2", "h2c", "h2" -> HTTP2;
      case "grpc" -> GRPC;
      case "tcp" -> TCP;
      default -> throw new IllegalArgumentException(value + " (expected: http, http2, grpc, tcp)");
    };
  }

  /** The lower-case name used in configuration. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
