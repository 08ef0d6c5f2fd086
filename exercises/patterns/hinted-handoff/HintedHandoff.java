import java.util.List;

/**
 * A coordinator's hinted handoff: a write to a key's replicas that cannot reach a down replica
 * keeps a hint for it, counts the hint towards the write's quorum (a sloppy quorum), and hands
 * the write over when the replica is back. Time is the {@code now} you are given, in
 * milliseconds; never read a clock of your own.
 */
public final class HintedHandoff {

  /**
   * @param windowMillis how long a replica may have been down and still get hints (Cassandra's
   *     max_hint_window); 0 is allowed
   * @throws IllegalArgumentException if windowMillis < 0
   */
  public HintedHandoff(long windowMillis) {
    // TODO: check the argument and keep it
    throw new UnsupportedOperationException("TODO: HintedHandoff constructor");
  }

  /**
   * Writes {@code value} at {@code version} to every replica of {@code key}, in list order, once
   * each; hints the ones that are down (within the window); and says whether the write reached
   * its quorum: deliveries plus hints stored is at least {@code w}.
   *
   * @throws IllegalArgumentException if replicas is empty or w is outside 1..replicas.size()
   */
  public boolean write(String key, byte[] value, long version, List<HandoffReplica> replicas,
      int w, long now) {
    // TODO: deliver, hint the down replicas, count acknowledgements
    throw new UnsupportedOperationException("TODO: HintedHandoff.write");
  }

  /**
   * Tries to deliver every pending hint once; a delivered hint is dropped, a failed one kept.
   *
   * @return how many hints were delivered
   */
  public int replay(long now) {
    // TODO: hand the hints over to the replicas that are back
    throw new UnsupportedOperationException("TODO: HintedHandoff.replay");
  }

  /** How many hints are pending, over all replicas: one per (replica, key) at most. */
  public int pendingHints() {
    // TODO
    throw new UnsupportedOperationException("TODO: HintedHandoff.pendingHints");
  }

  /** How many hints are pending for the replica named {@code replica}. */
  public int pendingHints(String replica) {
    // TODO
    throw new UnsupportedOperationException("TODO: HintedHandoff.pendingHints");
  }
}
