/**
 * One replica of a key-value store, as the read coordinator sees it. Given: do not edit.
 */
public interface StoreReplica {

  /**
   * The version this replica holds for {@code key}, or {@code null} if it holds none.
   *
   * @throws ReplicaDownException if the replica does not answer
   */
  TimestampedValue get(String key);

  /**
   * Applies {@code version} to {@code key} as Cassandra applies a mutation: the replica keeps the
   * newer of what it holds and {@code version} (see {@link TimestampedValue}), so a write never
   * replaces a newer version. A replica that answered a {@link #get} does not go down before the
   * read that asked it returns.
   */
  void write(String key, TimestampedValue version);
}
