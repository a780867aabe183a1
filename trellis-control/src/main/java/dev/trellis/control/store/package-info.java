/**
 * The config store: the current {@code MeshState} (resources, registry, version), changed one
 * commit at a time on a single writer thread and written atomically to {@code state.json}
 * before anyone hears of the change.
 */
package dev.trellis.control.store;
