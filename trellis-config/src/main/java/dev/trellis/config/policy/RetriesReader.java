package dev.trellis.config.policy;

import dev.trellis.config.internal.Durations;
import dev.trellis.config.internal.FieldReader;
import dev.trellis.config.internal.ValueReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a {@code TrafficPolicy}'s {@code retries} section into {@link Retries}. Stateless. */
final class RetriesReader {
  private RetriesReader() {}

  static Retries read(FieldReader section) {
    int attempts = section.optionalInt("attempts", 0, 10, 2);
    Optional<Duration> perTry = section.optionalDuration("perTryTimeout",
        TrafficPolicySpecReader.POSITIVE);
    List<Retries.RetryOn> retryOn = new ArrayList<>();
    for (ValueReader item : section.list("retryOn", 0, Retries.RetryOn.values().length)) {
      item.choice(Retries.RetryOn.values()).ifPresent(on -> {
        if (retryOn.contains(on)) {
          item.reject("each condition once");
        } else {
          retryOn.add(on);
        }
      });
    }
    if (!section.has("retryOn")) {
      retryOn.addAll(Retries.DEFAULT_RETRY_ON);
    }
    Retries.Backoff backoff = section.optionalObject("backoff").map(RetriesReader::backoff)
        .orElse(Retries.Backoff.DEFAULT);
    Retries.Budget budget = section.optionalObject("budget").map(RetriesReader::budget)
        .orElse(Retries.Budget.DEFAULT);
    section.finish();
    return new Retries(attempts, perTry, retryOn, backoff, budget);
  }

  private static Retries.Backoff backoff(FieldReader section) {
    Duration base = section.optionalDuration("baseInterval", TrafficPolicySpecReader.POSITIVE,
        Retries.Backoff.DEFAULT.baseInterval());
    Duration max = section.optionalDuration("maxInterval", TrafficPolicySpecReader.POSITIVE,
        Retries.Backoff.DEFAULT.maxInterval().compareTo(base) < 0 ? base.multipliedBy(10)
            : Retries.Backoff.DEFAULT.maxInterval());
    section.finish();
    if (max.compareTo(base) < 0) {
      section.reject("maxInterval", Durations.format(max),
          "at least baseInterval (" + Durations.format(base) + ")");
    }
    return new Retries.Backoff(base, max);
  }

  private static Retries.Budget budget(FieldReader section) {
    Retries.Budget budget = new Retries.Budget(
        section.optionalInt("percent", 1, 100, Retries.Budget.DEFAULT.percent()),
        section.optionalInt("minRetriesPerSecond", 0, Integer.MAX_VALUE,
            Retries.Budget.DEFAULT.minRetriesPerSecond()));
    section.finish();
    return budget;
  }
}
