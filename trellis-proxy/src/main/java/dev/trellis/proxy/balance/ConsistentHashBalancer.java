package dev.trellis.proxy.balance;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends every request with the same key to the same endpoint, through a {@link MaglevTable}, so
 * that caches and sessions stay warm and a change in the endpoint set moves only about 1/N keys.
 *
 * <p>The key is the first of these the config names and the request carries: the header, the
 * cookie, the source IP. A request with none of them gets a uniformly random endpoint rather than
 * all such requests piling onto one. Immutable; safe on any thread.
 */
final class ConsistentHashBalancer extends FixedEndpointsBalancer {

  private static final long KEY_SEED = 0x7472656c6c69736bL;

  private final MaglevTable table;
  private final String hashHeader;
  private final String hashCookie;
  private final boolean hashSourceIp;

  ConsistentHashBalancer(List<Endpoint> endpoints, BalancerConfig config) {
    super(endpoints);
    this.table = endpoints.isEmpty() ? null : new MaglevTable(endpoints);
    this.hashHeader = config.hashHeader();
    this.hashCookie = config.hashCookie();
    this.hashSourceIp = config.hashSourceIp();
  }

  @Override
  public Endpoint pick(PickRequest request) {
    int n = endpoints.length;
    if (n <= 1) {
      return n == 0 ? null : endpoints[0];
    }
    String key = key(request == null ? PickRequest.NONE : request);
    if (key == null) {
      return endpoints[ThreadLocalRandom.current().nextInt(n)];
    }
    return table.lookup(Hashing.hash(key, KEY_SEED));
  }

  private String key(PickRequest request) {
    if (hashHeader != null) {
      String value = request.header(hashHeader);
      if (value != null) {
        return value;
      }
    }
    if (hashCookie != null) {
      String value = request.cookie(hashCookie);
      if (value != null) {
        return value;
      }
    }
    return hashSourceIp ? request.sourceAddress() : null;
  }

  MaglevTable table() {
    return table;
  }
}
