package dev.trellis.proxy.route;

/**
 * The literal text every whole-input match of a regular expression starts with, so that a path
 * can be turned away by {@code startsWith} before a {@code Matcher} is made and run: in a table
 * of many RegularExpression entries, a request that matches none of them would otherwise pay one
 * matcher (about 200 bytes) per entry.
 *
 * <p>Conservative: the prefix stops at the first character that is not plainly literal (any
 * metacharacter, escape, group, class or space), drops a last character that a quantifier
 * follows, and is empty when the expression has an alternation anywhere. For example
 * {@code /users/[0-9]+} gives {@code /users/}, {@code /v1/items?} gives {@code /v1/item},
 * {@code /a|/b} and {@code (?i)/api} give the empty string.
 */
final class RegexPrefix {
  private RegexPrefix() {}

  static String of(String regex) {
    if (regex.indexOf('|') >= 0) {
      return "";
    }
    int end = 0;
    while (end < regex.length() && isLiteral(regex.charAt(end))) {
      end++;
    }
    if (end > 0 && end < regex.length() && isQuantifier(regex.charAt(end))) {
      end--; // "/ab?": the b may be absent
    }
    return regex.substring(0, end);
  }

  /** Characters that stand for themselves wherever they appear outside a class or group. */
  private static boolean isLiteral(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '/' || c == '-' || c == '_' || c == '~' || c == '%' || c == ',' || c == ';'
        || c == '=' || c == ':' || c == '@';
  }

  private static boolean isQuantifier(char c) {
    return c == '?' || c == '*' || c == '+' || c == '{';
  }
}
