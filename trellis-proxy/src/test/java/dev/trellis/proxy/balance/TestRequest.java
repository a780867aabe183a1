package dev.trellis.proxy.balance;

import java.util.Map;

/** A request for balancer tests: the given headers (lower-case names), cookies and source. */
record TestRequest(Map<String, String> headers, Map<String, String> cookies, String sourceAddress)
    implements PickRequest {

  static TestRequest withHeader(String lowerCaseName, String value) {
    return new TestRequest(Map.of(lowerCaseName, value), Map.of(), null);
  }

  static TestRequest withCookie(String name, String value) {
    return new TestRequest(Map.of(), Map.of(name, value), null);
  }

  static TestRequest from(String sourceAddress) {
    return new TestRequest(Map.of(), Map.of(), sourceAddress);
  }

  @Override
  public String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }

  @Override
  public String cookie(String name) {
    return cookies.get(name);
  }
}
