package dev.trellis.proxy.balance;

/**
 * A fast, well-mixed 64-bit string hash for consistent hashing: FNV-1a over the UTF-16 chars,
 * then the MurmurHash3 finaliser so that similar keys ({@code user-1}, {@code user-2}) land far
 * apart. Reads the chars in place: no allocation, no encoding.
 *
 * <p>The values are part of how requests map to endpoints, so changing this function moves keys
 * between endpoints on upgrade; do not change it casually.
 */
final class Hashing {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Hashing() {}

  /** The hash of {@code key} under {@code seed}; different seeds give independent hashes. */
  static long hash(CharSequence key, long seed) {
    long h = FNV_OFFSET ^ mix(seed);
    for (int i = 0, length = key.length(); i < length; i++) {
      h ^= key.charAt(i);
      h *= FNV_PRIME;
    }
    return mix(h ^ key.length());
  }

  /** MurmurHash3's fmix64: every input bit affects every output bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
