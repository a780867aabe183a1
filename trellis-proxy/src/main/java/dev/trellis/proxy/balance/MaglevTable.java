package dev.trellis.proxy.balance;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A Maglev lookup table (Eisenbud et al., NSDI 2016): a prime-sized array of endpoint indices in
 * which every endpoint owns an almost equal share of slots (within one), and adding or removing
 * one endpoint reassigns only about 1/N of the slots, so only about 1/N of the keys move.
 *
 * <p>Each endpoint walks its own pseudo-random permutation of the slots (an offset and a skip
 * derived from its identity); endpoints take turns claiming their next free preferred slot until
 * the table is full. Endpoints are first sorted by identity, so the table depends only on the
 * set, not on the order the control plane listed it in.
 *
 * <p>Immutable once built; {@link #lookup} is a division and an array read.
 */
final class MaglevTable {

  /**
   * Table size. It must not follow the endpoint count: every endpoint's permutation depends on
   * it, so a new size reshuffles almost every key. The paper's 65,537 keeps at least 100 slots
   * per endpoint (what keeps disruption near the 1/N ideal) up to 655 endpoints; a larger set
   * gets the larger prime, and crossing that line once reshuffles keys once.
   */
  static final int SIZE = 65_537;
  static final int LARGE_SIZE = 655_373;
  static final int SLOTS_PER_ENDPOINT = 100;

  private static final long OFFSET_SEED = 0x6d61676c65763031L;
  private static final long SKIP_SEED = 0x6d61676c65763032L;

  private final Endpoint[] endpoints;
  private final int[] slots;

  /** @param endpoints at least one distinct endpoint */
  MaglevTable(List<Endpoint> endpoints) {
    this.endpoints = endpoints.toArray(new Endpoint[0]);
    Arrays.sort(this.endpoints, Comparator.comparing(MaglevTable::identity));
    int size = this.endpoints.length * SLOTS_PER_ENDPOINT <= SIZE ? SIZE : LARGE_SIZE;
    this.slots = populate(this.endpoints, size);
  }

  /** The endpoint owning the slot {@code keyHash} falls in. */
  Endpoint lookup(long keyHash) {
    return endpoints[slots[(int) Long.remainderUnsigned(keyHash, slots.length)]];
  }

  int size() {
    return slots.length;
  }

  /** How many slots each endpoint owns, in sorted-identity order; for tests and diagnostics. */
  int[] slotsPerEndpoint() {
    int[] counts = new int[endpoints.length];
    for (int owner : slots) {
      counts[owner]++;
    }
    return counts;
  }

  private static int[] populate(Endpoint[] endpoints, int size) {
    int n = endpoints.length;
    long[] offset = new long[n];
    long[] skip = new long[n];
    long[] nextChoice = new long[n];
    for (int i = 0; i < n; i++) {
      String identity = identity(endpoints[i]);
      offset[i] = Long.remainderUnsigned(Hashing.hash(identity, OFFSET_SEED), size);
      skip[i] = Long.remainderUnsigned(Hashing.hash(identity, SKIP_SEED), size - 1) + 1;
    }
    int[] slots = new int[size];
    Arrays.fill(slots, -1);
    int filled = 0;
    while (true) {
      for (int i = 0; i < n; i++) {
        int slot;
        do {
          // skip is in 1..size-1 and size is prime, so the walk visits every slot once.
          slot = (int) ((offset[i] + nextChoice[i] * skip[i]) % size);
          nextChoice[i]++;
        } while (slots[slot] >= 0);
        slots[slot] = i;
        if (++filled == size) {
          return slots;
        }
      }
    }
  }

  /** What places an endpoint in the table: the same fields that make two endpoints equal. */
  private static String identity(Endpoint endpoint) {
    return endpoint.id() + "@" + endpoint.host() + ":" + endpoint.port();
  }
}
