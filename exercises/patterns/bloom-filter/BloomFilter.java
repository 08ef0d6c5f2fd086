import dstutor.kit.Hashing;

/**
 * A Bloom filter sized for {@code expectedInsertions} keys at a target false-positive rate.
 * See brief.md for the formulas and the properties the suite checks.
 */
public class BloomFilter implements MembershipFilter {

  /**
   * Sizes the filter: m = ceil(-n ln p / (ln 2)^2) bits, k = round((m / n) ln 2) hash functions,
   * at least 1.
   *
   * @throws IllegalArgumentException if expectedInsertions <= 0, or falsePositiveRate is not
   *     strictly between 0 and 1
   */
  public BloomFilter(long expectedInsertions, double falsePositiveRate) {
    // TODO: check the arguments, compute m and k, allocate m bits.
    throw new UnsupportedOperationException("TODO: BloomFilter constructor");
  }

  @Override
  public void add(String key) {
    // TODO: set the k bits of this key. Hashing.murmur3(bytes, seed) gives two 64-bit halves.
    throw new UnsupportedOperationException("TODO: add");
  }

  @Override
  public boolean mightContain(String key) {
    // TODO: true only if all k bits of this key are set.
    throw new UnsupportedOperationException("TODO: mightContain");
  }

  @Override
  public long bitCount() {
    // TODO: return m.
    throw new UnsupportedOperationException("TODO: bitCount");
  }

  @Override
  public int hashCount() {
    // TODO: return k.
    throw new UnsupportedOperationException("TODO: hashCount");
  }
}
