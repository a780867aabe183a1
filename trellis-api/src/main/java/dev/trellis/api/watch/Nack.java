package dev.trellis.api.watch;

/** The proxy refused snapshot {@code version} and keeps running the previous one. */
public record Nack(long version, String error) implements WatchMessage {}
