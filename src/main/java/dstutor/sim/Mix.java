package dstutor.sim;

/**
 * Stateless random draws. A message's fate (delay, loss, duplication) is a pure function of the
 * seed and the message's identity (link and sequence number on that link), not of how many random
 * numbers were drawn before it: removing one fault while shrinking leaves every other message's
 * fate as it was.
 */
final class Mix {
  private Mix() {}

  /** SplitMix64's finaliser: a bijective, well-mixed 64-bit hash. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long hash(long seed, long a) {
    return mix(mix(seed + 0x9e3779b97f4a7c15L) ^ a);
  }

  static long hash(long seed, long a, long b) {
    return mix(hash(seed, a) ^ (b * 0x9e3779b97f4a7c15L));
  }

  /** A double in [0, 1) from 53 bits of {@code bits}. */
  static double unit(long bits) {
    return (bits >>> 11) * 0x1.0p-53;
  }

  /** A long in [0, bound) from {@code bits}; bound must be positive. */
  static long below(long bits, long bound) {
    return Math.floorMod(bits, bound);
  }
}
