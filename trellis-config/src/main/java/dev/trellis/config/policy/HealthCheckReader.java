package dev.trellis.config.policy;

import dev.trellis.config.internal.FieldReader;
import dev.trellis.config.internal.Format;
import dev.trellis.config.internal.Node;
import dev.trellis.config.internal.ValueReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a {@code TrafficPolicy}'s {@code healthCheck} into {@link HealthCheck}. Stateless. */
final class HealthCheckReader {
  private static final Pattern RANGE = Pattern.compile("([1-5][0-9][0-9])-([1-5][0-9][0-9])");
  private static final String STATUS = "a status 100..599 or a range such as \"200-299\"";

  private HealthCheckReader() {}

  static HealthCheck read(FieldReader section) {
    Optional<HealthCheck.Type> type = section.requiredChoice("type", HealthCheck.Type.values());
    Optional<HealthCheck.Http> http = section.optionalObject("http").map(HealthCheckReader::http);
    if (type.orElse(null) == HealthCheck.Type.HTTP && !section.has("http")) {
      section.reject("http", "", "a mapping with path, as type is HTTP");
    } else if (type.orElse(null) == HealthCheck.Type.TCP && section.has("http")) {
      section.reject("http", "set", "no http when type is TCP");
    }
    Duration interval = section.optionalDuration("interval", TrafficPolicySpecReader.POSITIVE,
        Duration.ofSeconds(5));
    Duration timeout = section.optionalDuration("timeout", TrafficPolicySpecReader.POSITIVE,
        Duration.ofSeconds(1));
    int healthy = section.optionalInt("healthyThreshold", 1, 1000, 1);
    int unhealthy = section.optionalInt("unhealthyThreshold", 1, 1000, 3);
    section.finish();
    if (timeout.compareTo(interval) >= 0) {
      section.reject("timeout", section.value("timeout").map(v -> v.node().describe())
          .orElse("1s"), "shorter than interval");
    }
    return new HealthCheck(type.orElse(HealthCheck.Type.TCP), http, interval, timeout, healthy,
        unhealthy);
  }

  private static HealthCheck.Http http(FieldReader http) {
    String path = http.requiredString("path", Format.ABSOLUTE_PATH);
    List<HealthCheck.StatusRange> statuses = new ArrayList<>();
    for (ValueReader item : http.list("expectedStatuses", 0, 32)) {
      status(item).ifPresent(statuses::add);
    }
    http.finish();
    return new HealthCheck.Http(path,
        http.has("expectedStatuses") ? statuses : HealthCheck.Http.DEFAULT_STATUSES);
  }

  private static Optional<HealthCheck.StatusRange> status(ValueReader item) {
    if (item.node() instanceof Node.ScalarNode scalar && scalar.value().isIntegralNumber()) {
      return item.integer(100, 599).map(code -> new HealthCheck.StatusRange(code, code));
    }
    Optional<String> text = item.string(new Format(STATUS, s -> true));
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Matcher range = RANGE.matcher(text.get());
    if (!range.matches()) {
      item.reject(STATUS);
      return Optional.empty();
    }
    int from = Integer.parseInt(range.group(1));
    int to = Integer.parseInt(range.group(2));
    if (from > to) {
      item.reject("a range whose first status is not above its last");
      return Optional.empty();
    }
    return Optional.of(new HealthCheck.StatusRange(from, to));
  }
}
