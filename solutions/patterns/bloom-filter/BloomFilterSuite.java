import static org.junit.jupiter.api.Assertions.fail;

import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hidden suite for the bloom-filter exercise. Tests only the public contract stated in brief.md:
 * sizing formulas (with +-1 slack), argument checks, no false negatives, and false-positive rates
 * measured on fixed, seeded key sets against what the filter's own m and k predict.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BloomFilterSuite {
  private static final double LN2 = Math.log(2);

  /** (n, p) pairs for the sizing checks, smallest first so the first failure is the simplest. */
  private static final long[] SIZING_N = {
    1, 10, 100, 500, 1_000, 10_000, 10_000, 123_457, 1_000_000
  };
  private static final double[] SIZING_P = {0.5, 0.1, 0.01, 0.9, 0.03, 0.01, 0.001, 0.05, 0.0001};

  @Test
  @Order(1)
  @DisplayName("bitCount is m = ceil(-n ln p / (ln 2)^2), within 1")
  @Hint("size-from-n-and-p")
  void bitCountFollowsTheFormula() {
    for (int i = 0; i < SIZING_N.length; i++) {
      long n = SIZING_N[i];
      double p = SIZING_P[i];
      long expected = expectedBits(n, p);
      long m = new BloomFilter(n, p).bitCount();
      if (Math.abs(m - expected) > 1) {
        String why = "";
        double ratio = (double) expected / m;
        if (Math.abs(ratio - Math.log(10)) < 0.05) {
          why = " That is ln 10 = 2.30 times too few: the formula uses the natural log of p.";
        } else if (Math.abs(ratio - 1 / (LN2 * LN2)) < 0.05) {
          why = " That is 2.08 times too few: the formula divides by (ln 2)^2 = 0.48.";
        }
        fail(String.format(Locale.ROOT,
            "new BloomFilter(%,d, %s).bitCount() returned %,d; expected m ="
                + " ceil(-n ln p / (ln 2)^2) = %,d (give or take 1).%s",
            n, p, m, expected, why));
      }
    }
  }

  @Test
  @Order(2)
  @DisplayName("hashCount is k = round((m / n) ln 2), within 1, and at least 1")
  @Hint("optimal-k")
  void hashCountFollowsTheFormula() {
    for (int i = 0; i < SIZING_N.length; i++) {
      long n = SIZING_N[i];
      double p = SIZING_P[i];
      BloomFilter f = new BloomFilter(n, p);
      long m = f.bitCount();
      int k = f.hashCount();
      long expected = Math.max(1, Math.round((double) m / n * LN2));
      if (k < 1 || Math.abs(k - expected) > 1) {
        fail(String.format(Locale.ROOT,
            "new BloomFilter(%,d, %s) has m = %,d bits and hashCount() = %d; expected k ="
                + " round((m / n) ln 2) = %d (give or take 1, and never below 1).",
            n, p, m, k, expected));
      }
    }
  }

  @Test
  @Order(3)
  @DisplayName("a filter for no keys, or for a rate outside (0, 1), is rejected")
  @Hint("size-from-n-and-p")
  void badArgumentsAreRejected() {
    long[] badN = {0, -1, Long.MIN_VALUE};
    for (long n : badN) {
      expectRejected(n, 0.01, "expected insertions must be positive");
    }
    double[] badP = {0.0, 1.0, -0.5, 1.5, Double.NaN, Double.POSITIVE_INFINITY, -0.0};
    for (double p : badP) {
      expectRejected(100, p, "the false-positive rate must be strictly between 0 and 1");
    }
  }

  @Test
  @Order(4)
  @DisplayName("an empty filter contains nothing")
  @Hint("no-false-negatives")
  void emptyFilterContainsNothing() {
    long[] ns = {1, 1_000};
    double[] ps = {0.5, 0.01};
    for (int c = 0; c < ns.length; c++) {
      BloomFilter f = new BloomFilter(ns[c], ps[c]);
      SplittableRandom rnd = new SplittableRandom(4);
      List<String> probes = new ArrayList<>();
      probes.add("");
      for (int i = 0; i < 2_000; i++) {
        probes.add(randomKey(rnd));
      }
      for (String key : probes) {
        if (f.mightContain(key)) {
          fail(String.format(Locale.ROOT,
              "new BloomFilter(%,d, %s) with nothing added: mightContain(%s) returned true;"
                  + " expected false. No bit is set before the first add.",
              ns[c], ps[c], quote(key)));
        }
      }
    }
  }

  @Test
  @Order(5)
  @DisplayName("every key added is reported present: never a false negative")
  @Hint("no-false-negatives")
  void neverAFalseNegative() {
    Seeds.forEach(20, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      long n = 1 + rnd.nextInt(1_500);
      // From about 0.5 down to 0.0001, rounded so that the message shows the exact argument.
      double p = Double.parseDouble(round(Math.exp(-rnd.nextDouble(0.7, 9.2))));
      int count = (int) Math.max(1, n * rnd.nextDouble(0.05, 2.5)); // up to 2.5x overfilled
      BloomFilter f = new BloomFilter(n, p);
      List<String> added = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        // Even keys are plain, so that the first counterexample is easy to read.
        String key = i % 2 == 0 ? (i == 0 && rnd.nextBoolean() ? "" : "key-" + i) : randomKey(rnd);
        f.add(key);
        added.add(key);
        if (!f.mightContain(key)) {
          fail(String.format(Locale.ROOT,
              "new BloomFilter(%,d, %s): add(%s) as key number %d, then mightContain(%s)"
                  + " returned false; expected true. mightContain must check exactly the positions"
                  + " that add sets.",
              n, p, quote(key), i + 1, quote(key)));
        }
      }
      int missing = 0;
      String first = null;
      for (String key : added) {
        if (!f.mightContain(key)) {
          missing++;
          if (first == null) {
            first = key;
          }
        }
      }
      if (missing > 0) {
        fail(String.format(Locale.ROOT,
            "new BloomFilter(%,d, %s): added %,d keys, then %,d of them were reported absent,"
                + " first mightContain(%s). Adding keys only sets bits, so a key once added must"
                + " stay present.",
            n, p, count, missing, quote(first)));
      }
    });
  }

  @Test
  @Order(6)
  @DisplayName("filled to n keys, the false-positive rate stays near the target p")
  @Hint("independent-positions")
  void falsePositiveRateMeetsTheTarget() {
    double[] targets = {0.01, 0.001};
    final long n = 10_000;
    final int probes = 100_000;
    for (double p : targets) {
      BloomFilter f = new BloomFilter(n, p);
      SplittableRandom rnd = new SplittableRandom(6);
      for (int i = 0; i < n; i++) {
        f.add("member-" + Long.toHexString(rnd.nextLong()));
      }
      int positives = 0;
      for (int i = 0; i < probes; i++) {
        // A different prefix: none of these keys was added.
        if (f.mightContain("absent-" + Long.toHexString(rnd.nextLong()))) {
          positives++;
        }
      }
      double measured = (double) positives / probes;
      double bound = 1.5 * p + 0.0005;
      if (measured > bound) {
        long m = f.bitCount();
        int k = f.hashCount();
        double own = Math.pow(1 - Math.exp(-(double) k * n / m), k);
        String why;
        if (own > bound) {
          why = String.format(Locale.ROOT,
              "With its own m and k, theory predicts %.2f%%: m and k are off; fix them first.",
              100 * own);
        } else {
          why = String.format(Locale.ROOT,
              "With its m and k, theory predicts %.2f%%, and one bit per key would give about"
                  + " %.2f%%: the k positions of a key must be k different positions, spread"
                  + " over all m bits.",
              100 * own, 100 * (1 - Math.exp(-(double) n / m)));
        }
        fail(String.format(Locale.ROOT,
            "new BloomFilter(%,d, %s) (bitCount %,d, hashCount %d): added %,d keys, then probed"
                + " %,d keys never added: %,d false positives (%.3f%%). Expected at most %.3f%%"
                + " (the target %s%% with some slack). %s",
            n, p, m, k, n, probes, positives, 100 * measured, 100 * bound, round(100 * p), why));
      }
    }
  }

  @Test
  @Order(7)
  @DisplayName("overfilled to 3n keys, the false-positive rate rises as theory predicts")
  @Hint("independent-positions")
  void overfilledRateFollowsTheory() {
    long[] ns = {1_000, 2_000};
    double[] ps = {0.01, 0.05};
    final int probes = 20_000;
    for (int c = 0; c < ns.length; c++) {
      long n = ns[c];
      double p = ps[c];
      BloomFilter f = new BloomFilter(n, p);
      long m = f.bitCount();
      int k = f.hashCount();
      long inserted = 3 * n;
      SplittableRandom rnd = new SplittableRandom(7);
      for (long i = 0; i < inserted; i++) {
        f.add("member-" + Long.toHexString(rnd.nextLong()));
      }
      int positives = 0;
      for (int i = 0; i < probes; i++) {
        if (f.mightContain("absent-" + Long.toHexString(rnd.nextLong()))) {
          positives++;
        }
      }
      double measured = (double) positives / probes;
      double predicted = Math.pow(1 - Math.exp(-(double) k * inserted / m), k);
      double slack = 0.2 * predicted + 0.005;
      if (Math.abs(measured - predicted) > slack) {
        fail(String.format(Locale.ROOT,
            "new BloomFilter(%,d, %s) reports m = %,d bits and k = %d. Added %,d keys (three"
                + " times the expected number), probed %,d keys never added: %.2f%% false"
                + " positives. With N = %,d keys in m bits and k positions per key, theory"
                + " predicts (1 - e^(-kN/m))^k = %.2f%% (allowed %.2f%% to %.2f%%). %s",
            n, p, m, k, inserted, probes, 100 * measured, inserted, 100 * predicted,
            100 * (predicted - slack), 100 * (predicted + slack),
            measured < predicted
                ? "Fewer than predicted: each key sets fewer than k bits, or the filter keeps more"
                    + " state than m bits."
                : "More than predicted: a key's k positions are not k independent positions over"
                    + " all m bits (the same position repeated, or only part of the bits used)."));
      }
    }
  }

  private static void expectRejected(long n, double p, String why) {
    try {
      BloomFilter f = new BloomFilter(n, p);
      fail(String.format(Locale.ROOT,
          "new BloomFilter(%d, %s) returned a filter (bitCount %s); expected"
              + " IllegalArgumentException: %s.",
          n, p, safeBitCount(f), why));
    } catch (IllegalArgumentException expected) {
      // the contract
    } catch (RuntimeException e) {
      fail(String.format(Locale.ROOT,
          "new BloomFilter(%d, %s) threw %s; expected IllegalArgumentException: %s.",
          n, p, e.getClass().getSimpleName(), why));
    }
  }

  private static String safeBitCount(BloomFilter f) {
    try {
      return String.valueOf(f.bitCount());
    } catch (RuntimeException e) {
      return "unknown";
    }
  }

  private static long expectedBits(long n, double p) {
    return Math.max(1, (long) Math.ceil(-n * Math.log(p) / (LN2 * LN2)));
  }

  /** A short string with ASCII and some non-ASCII characters (accents, CJK, an emoji). */
  private static String randomKey(SplittableRandom rnd) {
    int len = 1 + rnd.nextInt(20);
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      int r = rnd.nextInt(100);
      if (r < 85) {
        sb.append((char) ('!' + rnd.nextInt(94)));
      } else if (r < 93) {
        sb.append((char) (0xC0 + rnd.nextInt(0x40)));
      } else if (r < 98) {
        sb.append((char) (0x4E00 + rnd.nextInt(0x1000)));
      } else {
        sb.appendCodePoint(0x1F600 + rnd.nextInt(0x40));
      }
    }
    return sb.toString();
  }

  private static String quote(String key) {
    return "\"" + key + "\"";
  }

  private static String round(double p) {
    return String.format(Locale.ROOT, "%.4g", p);
  }
}
