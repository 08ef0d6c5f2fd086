import java.util.List;

/**
 * A read coordinator with blocking read repair: it asks replicas in order until {@code r} have
 * answered, returns the newest version among the answers, and before returning writes that version
 * to every replica that answered something else.
 */
public class ReadRepairCoordinator {

  /**
   * @param replicas the key's replicas in preference order (at least one)
   * @throws IllegalArgumentException if replicas is empty
   */
  public ReadRepairCoordinator(List<? extends StoreReplica> replicas) {
    // TODO: check the list and keep your own copy of it.
    throw new UnsupportedOperationException("TODO: ReadRepairCoordinator constructor");
  }

  /**
   * Reads {@code key} at consistency level {@code r}.
   *
   * @return the newest version among the r answers, or null if none of them holds the key
   * @throws IllegalArgumentException if r is below 1 or above the number of replicas
   * @throws TooFewReplicasException if fewer than r replicas answer (then nothing is written)
   */
  public TimestampedValue read(String key, int r) {
    // TODO: ask replicas in order, skipping down ones, until r answered; pick the newest;
    // write it to each replica that answered something else; then return it.
    throw new UnsupportedOperationException("TODO: read");
  }
}
