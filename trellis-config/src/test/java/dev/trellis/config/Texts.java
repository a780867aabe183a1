package dev.trellis.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helpers: example files from the classpath, and the error lines a text produces. */
final class Texts {
  private Texts() {}

  /** The text of {@code src/test/resources/examples/<name>}. */
  static String example(String name) {
    try (InputStream in = Texts.class.getResourceAsStream("/examples/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no example " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads an example, which must be valid. */
  static List<Resource> loadExample(String name) throws ConfigException {
    return ConfigLoader.load(name, example(name));
  }

  /** The errors, formatted, that loading {@code text} as {@code source} is refused with. */
  static List<String> errors(String source, String text) {
    ConfigException[] caught = new ConfigException[1];
    assertThatThrownBy(() -> {
      try {
        ConfigLoader.load(source, text);
      } catch (ConfigException e) {
        caught[0] = e;
        throw e;
      }
    }).isInstanceOf(ConfigException.class);
    return caught[0].errors().stream().map(ConfigError::toString).toList();
  }
}
