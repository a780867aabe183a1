package dev.trellis.config.route;

/** A header name and value, as set or added by a header modifier. */
public record HeaderValue(String name, String value) {}
