package dev.trellis.api.watch;

/** The proxy runs snapshot {@code version}. */
public record Ack(long version) implements WatchMessage {}
