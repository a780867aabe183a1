package dev.trellis.control.api;

import dev.trellis.control.Refused;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One decoded admin API request, detached from Netty (its body copied out), so that handlers
 * can run on any thread.
 *
 * @param pathParams the {@code {name}} parts of the matched route
 * @param query       first value of each query parameter
 * @param contentType the media type of the body without parameters, lower case; empty when none
 */
public record ApiRequest(
    String method, String path, Map<String, String> pathParams, Map<String, List<String>> query,
    String contentType, byte[] body) {

  public String pathParam(String name) {
    return pathParams.get(name);
  }

  /** The first value of {@code name}, or {@code fallback} when absent. */
  public String query(String name, String fallback) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? fallback : values.get(0);
  }

  /** A {@code true|false} query parameter; anything else is a bad request. */
  public boolean booleanQuery(String name) {
    String value = query(name, "false");
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new Refused(Refused.Reason.BAD_REQUEST,
          name + ": " + value + " (expected: true or false)");
    };
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  ApiRequest withPathParams(Map<String, String> params) {
    return new ApiRequest(method, path, params, query, contentType, body);
  }
}
