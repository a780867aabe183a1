package dev.trellis.config.service;

import dev.trellis.config.WireValue;

/** What a service port speaks; declared, never sniffed. */
public enum AppProtocol implements WireValue {
  HTTP("http"),
  HTTP2("http2"),
  GRPC("grpc"),
  TCP("tcp");

  private final String wireName;

  AppProtocol(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
