package dev.trellis.proxy.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trellis.api.json.ApiJson;
import java.nio.charset.StandardCharsets;

/**
 * One answer of the admin port: status, content type and body. Immutable (the body array is
 * never changed after construction).
 */
public record AdminResponse(int status, String contentType, byte[] body) {

  /** {@code value} as pretty JSON. */
  public static AdminResponse json(int status, Object value) {
    try {
      byte[] body = ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
      return new AdminResponse(status, "application/json", body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  /** {@code text} plus a newline, as plain text. */
  public static AdminResponse text(int status, String text) {
    return new AdminResponse(status, "text/plain; charset=utf-8",
        (text + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
