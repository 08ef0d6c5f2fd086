package dstutor.sim;

/**
 * A node's clock: true time plus an offset, running {@code driftPpm} parts per million fast or
 * slow. Changing the offset or drift takes effect from the moment of the change.
 */
final class SimClock {
  private static final long MILLION = 1_000_000;
  private long anchorTrue;
  private long anchorLocal;
  private long driftPpm;

  /** From true time {@code t} on, read {@code offset} ahead of true time with this drift. */
  void set(long t, long offset, long ppm) {
    if (ppm <= -MILLION / 2 || ppm >= MILLION) {
      throw new IllegalArgumentException("drift out of range (-500000, 1000000) ppm: " + ppm);
    }
    anchorTrue = t;
    anchorLocal = t + offset;
    driftPpm = ppm;
  }

  /** The local reading at true time {@code t} (t at or after the last change). */
  long local(long t) {
    long dt = t - anchorTrue;
    return anchorLocal + dt + Math.floorDiv(dt * driftPpm, MILLION);
  }

  /**
   * The earliest true time, not before {@code now}, at which this clock reads at least {@code
   * target}: when a timer set for that local reading fires.
   */
  long trueTimeAt(long now, long target) {
    long behind = target - local(now);
    if (behind <= 0) {
      return now;
    }
    long t = now + (behind * MILLION) / (MILLION + driftPpm);
    while (t > now && local(t - 1) >= target) {
      t--;
    }
    while (local(t) < target) {
      t++;
    }
    return t;
  }
}
