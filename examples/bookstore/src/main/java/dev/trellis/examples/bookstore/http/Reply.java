package dev.trellis.examples.bookstore.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer: status, content type, extra headers and the whole body.
 *
 * <p>Immutable; {@link #withHeader} returns a copy.
 */
public record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {

  public Reply {
    headers = Map.copyOf(headers);
  }

  public static Reply json(int status, Object value) {
    return new Reply(status, "application/json", Map.of(), Json.write(value));
  }

  public static Reply html(int status, String page) {
    return new Reply(status, "text/html; charset=utf-8", Map.of(), page.getBytes(StandardCharsets.UTF_8));
  }

  public static Reply text(int status, String text) {
    return new Reply(status, "text/plain; charset=utf-8", Map.of(), (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON {@code {"error": message}} with that status. */
  public static Reply error(int status, String message) {
    return json(status, Map.of("error", message));
  }

  public Reply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Reply(status, contentType, more, body);
  }
}
