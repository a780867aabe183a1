package dev.trellis.proxy.route;

/** A {@link StringMatcher} on a named header or query parameter. Immutable. */
record NamedMatcher(String name, StringMatcher value) {}
