package dev.trellis.proxy.route;

import dev.trellis.config.route.BackendRef;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A rule's backends and their weights: each request draws one, with probability weight/total.
 * A backend of weight 0 is never drawn; when every weight is 0 (or there are no backends) nothing
 * is drawn.
 *
 * <p>Immutable; {@link #pick()} uses {@link ThreadLocalRandom}, so any thread may call it.
 */
final class WeightedBackends {
  private final List<BackendRef> backends;
  private final long[] cumulative;
  private final long total;

  WeightedBackends(List<BackendRef> backends) {
    this.backends = List.copyOf(backends);
    this.cumulative = new long[backends.size()];
    long sum = 0;
    for (int i = 0; i < backends.size(); i++) {
      sum += backends.get(i).weight();
      cumulative[i] = sum;
    }
    this.total = sum;
  }

  /** A backend drawn by weight, or null when no backend has a weight above 0. */
  BackendRef pick() {
    return total == 0 ? null : pick(ThreadLocalRandom.current().nextLong(total));
  }

  /** The backend whose weight interval holds {@code ticket} (0 <= ticket < total weight). */
  BackendRef pick(long ticket) {
    for (int i = 0; i < cumulative.length; i++) {
      if (ticket < cumulative[i]) {
        return backends.get(i);
      }
    }
    return null;
  }

  List<BackendRef> all() {
    return backends;
  }
}
