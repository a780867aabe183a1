package dev.trellis.config.route;

/**
 * A request header condition; header names compare case-insensitively.
 *
 * @param type  {@link StringMatchType#EXACT} when the document says none
 * @param name  the header name
 * @param value the exact value, or a regular expression that compiles
 */
public record HeaderMatch(StringMatchType type, String name, String value) {}
