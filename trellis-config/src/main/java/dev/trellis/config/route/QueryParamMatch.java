package dev.trellis.config.route;

/**
 * A query parameter condition; names compare exactly (case-sensitively).
 *
 * @param type  {@link StringMatchType#EXACT} when the document says none
 * @param name  the parameter name
 * @param value the exact value, or a regular expression that compiles
 */
public record QueryParamMatch(StringMatchType type, String name, String value) {}
