package dev.trellis.config.mesh;

import dev.trellis.config.WireValue;

/** Whether sidecars accept plain-text calls besides mutual TLS ones. */
public enum MtlsMode implements WireValue {
  /** Only mutual TLS between sidecars; plain text is refused. */
  STRICT,
  /** Mutual TLS between sidecars, plain text from callers without one (for migrations). */
  PERMISSIVE;

  @Override
  public String wireName() {
    return name();
  }
}
