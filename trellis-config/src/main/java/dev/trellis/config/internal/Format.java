package dev.trellis.config.internal;

import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A rule a string field must follow, with the words that tell a user what is allowed.
 *
 * @param expected shown after {@code expected:} in the error, e.g. {@code a DNS label}
 * @param accepts  true for a valid value
 */
public record Format(String expected, Predicate<String> accepts) {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern HOSTNAME =
      Pattern.compile("(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-.^_`|~]+");

  /** Any string, including the empty one. */
  public static final Format ANY = new Format("a string", s -> true);

  /** Any non-empty string. */
  public static final Format NON_EMPTY = new Format("a non-empty string", s -> !s.isEmpty());

  /** An RFC 1123 DNS label: what Kubernetes allows for namespaces and service names. */
  public static final Format DNS_LABEL = new Format(
      "a DNS label: at most 63 lower-case letters, digits and '-', starting and ending with a"
          + " letter or digit",
      s -> s.length() <= 63 && LABEL.matcher(s).matches());

  /** An RFC 1123 DNS subdomain: dot-separated labels, at most 253 characters. */
  public static final Format DNS_SUBDOMAIN = new Format(
      "a DNS subdomain: at most 253 lower-case letters, digits, '-' and '.', each part starting"
          + " and ending with a letter or digit",
      s -> s.length() <= 253 && isSubdomain(s));

  /** A host name as the Gateway API allows it: a DNS name, optionally starting with "*.". */
  public static final Format HOSTNAME_MATCH = new Format(
      "a host name such as api.example.com or *.example.com",
      s -> s.length() <= 253 && HOSTNAME.matcher(s).matches());

  /** An HTTP header name (an RFC 7230 token). */
  public static final Format HEADER = new Format(
      "an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)",
      s -> s.length() <= 256 && HEADER_NAME.matcher(s).matches());

  /** A Java regular expression that compiles. */
  public static final Format REGEX = new Format("a valid regular expression", Format::compiles);

  /** A path that starts with "/". */
  public static final Format ABSOLUTE_PATH =
      new Format("a path starting with \"/\"", s -> s.startsWith("/") && s.length() <= 1024);

  private static boolean isSubdomain(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (String label : s.split("\\.", -1)) {
      if (label.length() > 63 || !LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  private static boolean compiles(String regex) {
    try {
      Pattern.compile(regex);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  /** A format accepting exactly {@code choices}, listed in the expectation. */
  public static Format oneOf(java.util.Collection<String> choices) {
    String expected = choices.size() == 1 ? choices.iterator().next()
        : "one of " + String.join(", ", choices);
    return new Format(expected, choices::contains);
  }
}
