package dev.trellis.proxy.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The literal prefix that lets a path skip a regular expression it cannot match. */
class RegexPrefixTest {

  @Test
  void stopsAtTheFirstCharacterThatIsNotPlainlyLiteral() {
    assertThat(RegexPrefix.of("/users/[0-9]+/profile")).isEqualTo("/users/");
    assertThat(RegexPrefix.of("/v2/.*")).isEqualTo("/v2/");
    assertThat(RegexPrefix.of("/a\\.b")).isEqualTo("/a");
    assertThat(RegexPrefix.of("/api/(v1|v2)")).isEqualTo("");
    assertThat(RegexPrefix.of("/exact-path_1")).isEqualTo("/exact-path_1");
  }

  @Test
  void dropsTheCharacterAQuantifierFollows() {
    assertThat(RegexPrefix.of("/v1/items?")).isEqualTo("/v1/item");
    assertThat(RegexPrefix.of("/ab*c")).isEqualTo("/a");
    assertThat(RegexPrefix.of("/ab+")).isEqualTo("/a");
    assertThat(RegexPrefix.of("/ab{0,2}")).isEqualTo("/a");
    assertThat(RegexPrefix.of("a*")).isEqualTo("");
  }

  @Test
  void isEmptyWhenUnsure() {
    assertThat(RegexPrefix.of("/a|/b")).isEqualTo("");
    assertThat(RegexPrefix.of("(?i)/api")).isEqualTo("");
    assertThat(RegexPrefix.of("^/api")).isEqualTo("");
    assertThat(RegexPrefix.of("\\Q/api\\E")).isEqualTo("");
    assertThat(RegexPrefix.of(".*")).isEqualTo("");
  }

  @Test
  void everyPathTheExpressionMatchesStartsWithThePrefix() {
    List<String> regexes = List.of(
        "/users/[0-9]+", "/v1/items?", "/ab*c", "/ab{0,2}", "/x(?i)ABC", "/a\\.b", "/a|/b", "/g3/users/[0-9]+");
    List<String> paths = List.of(
        "/users/12", "/users/", "/v1/item", "/v1/items", "/v1/itemss", "/ac", "/abbc", "/a", "/ab",
        "/abb", "/xabc", "/xABC", "/a.b", "/b", "/g3/users/77", "/g30/users/1", "/");
    for (String regex : regexes) {
      Pattern pattern = Pattern.compile(regex);
      String prefix = RegexPrefix.of(regex);
      for (String path : paths) {
        if (pattern.matcher(path).matches()) {
          assertThat(path).as("%s matches %s", path, regex).startsWith(prefix);
        }
      }
    }
  }
}
