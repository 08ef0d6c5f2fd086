import dstutor.kit.Hashing;

/**
 * A range of tokens from {@code first} to {@code last}, both included, where a token is a 64-bit
 * number read as unsigned: from 0x0000000000000000 up to 0xffffffffffffffff. Given: do not edit.
 */
public record TokenRange(long first, long last) {

  /** Checks that the range is not empty: {@code first <= last}, compared as unsigned numbers. */
  public TokenRange {
    if (Long.compareUnsigned(first, last) > 0) {
      throw new IllegalArgumentException(
          "first > last: " + hex(first) + " > " + hex(last));
    }
  }

  /**
   * The token of a key, where it sits in the token space: the first 64 bits of MurmurHash3 of
   * the key's UTF-8 bytes ({@code Hashing.hash64(key)}), read as unsigned. Both replicas compute
   * it the same way, so their trees put every key in the same leaf.
   */
  public static long tokenOf(String key) {
    return Hashing.hash64(key);
  }

  /** Whether {@code token} is in this range (unsigned comparison). */
  public boolean contains(long token) {
    return Long.compareUnsigned(first, token) <= 0 && Long.compareUnsigned(token, last) <= 0;
  }

  @Override
  public String toString() {
    return "[" + hex(first) + ", " + hex(last) + "]";
  }

  private static String hex(long token) {
    return String.format("0x%016x", token);
  }
}
