import java.util.Map;

/**
 * An immutable vector clock: one counter per node, and a node that is not listed has counter 0.
 * See brief.md for the contract and the properties the suite checks.
 */
public final class VectorClock {

  /** The empty clock: every counter is 0. */
  public VectorClock() {
    // TODO: hold no counters.
  }

  /**
   * A clock with these counters. A counter of 0 is the same as leaving the node out. Copies the
   * map and leaves it as it was (it may be unmodifiable).
   *
   * @throws IllegalArgumentException if a counter is negative
   */
  public static VectorClock of(Map<String, Long> counters) {
    // TODO: copy the counters into a new clock.
    throw new UnsupportedOperationException("TODO: VectorClock.of");
  }

  /** This node's counter, 0 if the node is not in the clock. */
  public long get(String node) {
    // TODO
    throw new UnsupportedOperationException("TODO: get");
  }

  /** A new clock with {@code node}'s counter one higher; this clock is unchanged. */
  public VectorClock increment(String node) {
    // TODO
    throw new UnsupportedOperationException("TODO: increment");
  }

  /** A new clock holding, for every node, the larger of the two counters. */
  public VectorClock merge(VectorClock other) {
    // TODO
    throw new UnsupportedOperationException("TODO: merge");
  }

  /** How this clock relates to {@code other}: BEFORE, AFTER, EQUAL or CONCURRENT. */
  public ClockOrder compare(VectorClock other) {
    // TODO: a node missing on one side counts as 0.
    throw new UnsupportedOperationException("TODO: compare");
  }

  /**
   * The counters, node to counter (nodes with counter 0 may be left out): a copy or an
   * unmodifiable view, so that changing it never changes this clock.
   */
  public Map<String, Long> entries() {
    // TODO
    throw new UnsupportedOperationException("TODO: entries");
  }
}
