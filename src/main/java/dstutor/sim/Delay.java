package dstutor.sim;

/**
 * A distribution of one-way network delays in milliseconds. Sampling is a pure function of 64
 * random bits, so that a message's delay depends only on the seed and the message's identity.
 */
@FunctionalInterface
public interface Delay {
  /** A delay of at least 1 ms drawn from this distribution using {@code bits}. */
  long sample(long bits);

  /** The largest delay this distribution returns, or {@link Long#MAX_VALUE} if unbounded. */
  default long max() {
    return Long.MAX_VALUE;
  }

  /** Always {@code millis}. */
  static Delay constant(long millis) {
    requirePositive(millis, "millis");
    return new Delay() {
      @Override
      public long sample(long bits) {
        return millis;
      }

      @Override
      public long max() {
        return millis;
      }

      @Override
      public String toString() {
        return millis + " ms";
      }
    };
  }

  /** Uniform on {@code [min, max]}. */
  static Delay uniform(long min, long max) {
    requirePositive(min, "min");
    if (max < min) {
      throw new IllegalArgumentException("max < min: " + max + " < " + min);
    }
    long span = max - min + 1;
    return new Delay() {
      @Override
      public long sample(long bits) {
        return min + Mix.below(bits, span);
      }

      @Override
      public long max() {
        return max;
      }

      @Override
      public String toString() {
        return "uniform " + min + ".." + max + " ms";
      }
    };
  }

  /**
   * {@code min} plus an exponential tail of the given mean, capped at {@code cap}: most messages
   * are quick, a few are slow, as on a busy network.
   */
  static Delay exponential(long min, double mean, long cap) {
    requirePositive(min, "min");
    if (!(mean > 0)) {
      throw new IllegalArgumentException("mean must be > 0: " + mean);
    }
    if (cap < min) {
      throw new IllegalArgumentException("cap < min: " + cap + " < " + min);
    }
    return new Delay() {
      @Override
      public long sample(long bits) {
        double u = 1.0 - Mix.unit(bits); // in (0, 1]
        long d = min + (long) (-mean * Math.log(u));
        return Math.min(d, cap);
      }

      @Override
      public long max() {
        return cap;
      }

      @Override
      public String toString() {
        return min + " ms + exponential(mean " + mean + " ms), capped at " + cap + " ms";
      }
    };
  }

  private static void requirePositive(long v, String name) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be >= 1 ms: " + v);
    }
  }
}
