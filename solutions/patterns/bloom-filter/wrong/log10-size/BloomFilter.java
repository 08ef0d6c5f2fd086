import dstutor.kit.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * KNOWN-WRONG (log10-size): m computed with log10 instead of ln.
 * A Bloom filter sized for {@code expectedInsertions} keys at a target false-positive rate. The k
 * positions of a key come from one MurmurHash3 call by double hashing (Kirsch and Mitzenmacher):
 * position i is h1 + i * h2, modulo m.
 */
public class BloomFilter implements MembershipFilter {
  private static final double LN2 = Math.log(2);
  /** The most bits a long[] can hold. */
  private static final long MAX_BITS = (long) Integer.MAX_VALUE * Long.SIZE;

  private final long m;
  private final int k;
  private final long[] words;

  public BloomFilter(long expectedInsertions, double falsePositiveRate) {
    if (expectedInsertions <= 0) {
      throw new IllegalArgumentException(
          "expectedInsertions must be positive: " + expectedInsertions);
    }
    // Written so that NaN fails too: every comparison with NaN is false.
    if (!(falsePositiveRate > 0 && falsePositiveRate < 1)) {
      throw new IllegalArgumentException(
          "falsePositiveRate must be strictly between 0 and 1: " + falsePositiveRate);
    }
    double n = expectedInsertions;
    double bits = Math.ceil(-n * Math.log10(falsePositiveRate) / (LN2 * LN2)); // WRONG: log10
    if (bits > MAX_BITS) {
      throw new IllegalArgumentException(
          "a filter for " + expectedInsertions + " keys at " + falsePositiveRate
              + " needs " + bits + " bits, more than " + MAX_BITS);
    }
    this.m = Math.max(1L, (long) bits);
    this.k = Math.max(1, (int) Math.round(m / n * LN2));
    this.words = new long[(int) ((m + Long.SIZE - 1) / Long.SIZE)];
  }

  @Override
  public void add(String key) {
    long[] h = halves(key);
    long combined = h[0];
    for (int i = 0; i < k; i++) {
      long bit = Math.floorMod(combined, m);
      words[(int) (bit >>> 6)] |= 1L << bit;
      combined += h[1];
    }
  }

  @Override
  public boolean mightContain(String key) {
    long[] h = halves(key);
    long combined = h[0];
    for (int i = 0; i < k; i++) {
      long bit = Math.floorMod(combined, m);
      if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
        return false;
      }
      combined += h[1];
    }
    return true;
  }

  @Override
  public long bitCount() {
    return m;
  }

  @Override
  public int hashCount() {
    return k;
  }

  private static long[] halves(String key) {
    return Hashing.murmur3(key.getBytes(StandardCharsets.UTF_8), 0);
  }
}
