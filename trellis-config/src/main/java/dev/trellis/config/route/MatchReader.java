package dev.trellis.config.route;

import dev.trellis.config.internal.FieldReader;
import dev.trellis.config.internal.Format;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads header and query parameter conditions, shared by HTTP and gRPC matches. Stateless. */
final class MatchReader {
  private static final Format QUERY_NAME =
      new Format("a query parameter name of 1..256 characters", s -> !s.isEmpty() && s.length() <= 256);

  private MatchReader() {}

  static List<HeaderMatch> headers(FieldReader match) {
    List<HeaderMatch> headers = new ArrayList<>();
    Map<String, Integer> seenAt = new HashMap<>();
    List<FieldReader> items = match.objectList("headers", 0, 16);
    for (int i = 0; i < items.size(); i++) {
      FieldReader item = items.get(i);
      StringMatchType type = item.optionalChoice("type", StringMatchType.EXACT,
          StringMatchType.values());
      String name = item.requiredString("name", Format.HEADER);
      String value = item.requiredString("value", valueFormat(type));
      item.finish();
      Integer earlier = seenAt.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
      if (earlier != null && !name.isEmpty()) {
        item.reject("name", name, "a header not matched already (headers[" + earlier
            + "] matches it; names are case-insensitive)");
      }
      headers.add(new HeaderMatch(type, name, value));
    }
    return headers;
  }

  static List<QueryParamMatch> queryParams(FieldReader match) {
    List<QueryParamMatch> params = new ArrayList<>();
    Map<String, Integer> seenAt = new HashMap<>();
    List<FieldReader> items = match.objectList("queryParams", 0, 16);
    for (int i = 0; i < items.size(); i++) {
      FieldReader item = items.get(i);
      StringMatchType type = item.optionalChoice("type", StringMatchType.EXACT,
          StringMatchType.values());
      String name = item.requiredString("name", QUERY_NAME);
      String value = item.requiredString("value", valueFormat(type));
      item.finish();
      Integer earlier = seenAt.putIfAbsent(name, i);
      if (earlier != null && !name.isEmpty()) {
        item.reject("name", name, "a parameter not matched already (queryParams[" + earlier
            + "] matches it)");
      }
      params.add(new QueryParamMatch(type, name, value));
    }
    return params;
  }

  static Format valueFormat(StringMatchType type) {
    return type == StringMatchType.REGULAR_EXPRESSION ? Format.REGEX
        : new Format("a string of at most 4096 characters", s -> s.length() <= 4096);
  }
}
