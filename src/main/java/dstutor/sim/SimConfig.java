package dstutor.sim;

/**
 * The random faults of a run. Rates are per message (or per crash, for torn writes); each fault
 * that fires is recorded, so that the shrinker can try the run without it.
 *
 * @param delay one-way delay of every message
 * @param drop probability that a message is lost
 * @param duplicate probability that a message is delivered twice (the copy has its own delay)
 * @param slow probability that a message is held back by an extra {@code slowMillis}
 * @param slowMillis the extra delay of a slow message
 * @param reorder whether messages on one link may overtake each other; if false, each link is
 *     FIFO (a later message is never delivered before an earlier one)
 * @param tear probability that a crash leaves a prefix of the unsynced writes, the last torn
 */
public record SimConfig(
    Delay delay,
    double drop,
    double duplicate,
    double slow,
    long slowMillis,
    boolean reorder,
    double tear) {

  public SimConfig {
    if (delay == null) {
      throw new NullPointerException("delay == null");
    }
    checkRate(drop, "drop");
    checkRate(duplicate, "duplicate");
    checkRate(slow, "slow");
    checkRate(tear, "tear");
    if (slowMillis < 0) {
      throw new IllegalArgumentException("slowMillis < 0: " + slowMillis);
    }
  }

  /** A network with 1 to 10 ms of delay that reorders but never loses a message. */
  public static SimConfig reliable() {
    return new SimConfig(Delay.uniform(1, 10), 0, 0, 0, 0, true, 0);
  }

  public SimConfig withDelay(Delay d) {
    return new SimConfig(d, drop, duplicate, slow, slowMillis, reorder, tear);
  }

  public SimConfig withDrop(double p) {
    return new SimConfig(delay, p, duplicate, slow, slowMillis, reorder, tear);
  }

  public SimConfig withDuplicate(double p) {
    return new SimConfig(delay, drop, p, slow, slowMillis, reorder, tear);
  }

  public SimConfig withSlow(double p, long extraMillis) {
    return new SimConfig(delay, drop, duplicate, p, extraMillis, reorder, tear);
  }

  public SimConfig withReorder(boolean r) {
    return new SimConfig(delay, drop, duplicate, slow, slowMillis, r, tear);
  }

  public SimConfig withTear(double p) {
    return new SimConfig(delay, drop, duplicate, slow, slowMillis, reorder, p);
  }

  /** The longest a message can take, counting a slow message's extra delay. */
  public long maxDelay() {
    long m = delay.max();
    if (m == Long.MAX_VALUE) {
      return m;
    }
    return slow > 0 ? m + slowMillis : m;
  }

  private static void checkRate(double p, String name) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1]: " + p);
    }
  }
}
