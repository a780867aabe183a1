/**
 * How documents are read, not what they mean: a YAML/JSON tree that keeps every node's line
 * ({@link dev.trellis.config.internal.TreeParser}), and readers that bind it field by field
 * while collecting errors ({@link dev.trellis.config.internal.FieldReader}). Only the spec
 * readers of this module use it; other modules go through
 * {@link dev.trellis.config.ConfigLoader}.
 */
package dev.trellis.config.internal;
