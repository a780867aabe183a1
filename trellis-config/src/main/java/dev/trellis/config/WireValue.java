package dev.trellis.config;

/**
 * An enum constant that is written in documents under a name of its own, e.g.
 * {@code PATH_PREFIX} as {@code PathPrefix}.
 */
public interface WireValue {

  /** The spelling in documents. */
  String wireName();
}
