package dev.trellis.config.authz;

import dev.trellis.config.WireValue;

/** What an authorization policy, or the mesh default, does with the requests it matches. */
public enum AuthorizationAction implements WireValue {
  ALLOW,
  DENY;

  @Override
  public String wireName() {
    return name();
  }
}
