/**
 * One replica of a key, as the coordinator sees it (read-only). The suite gives you these; a
 * replica is either up or down, and only the suite decides which.
 */
public interface HandoffReplica {
  /** The replica's name: unique among the replicas, and the same object every time. */
  String name();

  /**
   * Sends one write to this replica. When the replica is up it keeps {@code value} under {@code
   * key} if {@code version} is higher than the version it holds (an equal or older one is
   * ignored, as Cassandra's timestamps make a late or repeated mutation harmless) and returns
   * true: the write is delivered either way. It copies the bytes and never changes them. When the
   * replica is down it stores nothing and returns false.
   */
  boolean deliver(String key, byte[] value, long version);
}
