/**
 * The key-value store a replica applies its committed entries to (read-only). The suite hands
 * every replica its own store, a fresh and empty one each time the replica starts, and watches
 * what is applied to it.
 */
public interface KvStateMachine {
  /**
   * Applies {@code entry}: from now on {@link #get} of its key returns its value. Apply each
   * index exactly once, in index order (1, 2, 3, ...), and only entries that are committed.
   */
  void apply(LeaderFollowerProtocol.Entry entry);

  /** The value of {@code key} after the entries applied so far, or null if none wrote it. */
  String get(String key);
}
