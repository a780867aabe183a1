package dev.trellis.bench.jmh;

import dev.trellis.proxy.balance.PickRequest;

/**
 * A request that carries one header and nothing else, as the consistent-hash benchmark keys on;
 * the other balancers ignore it. Immutable.
 */
record HeaderRequest(String headerName, String headerValue) implements PickRequest {

  @Override
  public String header(String lowerCaseName) {
    return headerName.equals(lowerCaseName) ? headerValue : null;
  }

  @Override
  public String cookie(String name) {
    return null;
  }

  @Override
  public String sourceAddress() {
    return null;
  }
}
