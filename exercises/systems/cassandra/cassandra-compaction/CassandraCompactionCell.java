/**
 * One cell of an SSTable: a key's value written at a client-supplied {@code timestamp}, or, when
 * {@code value} is {@code null}, a tombstone. {@code deletedAt} is a tombstone's local deletion
 * time: the second (on the node's clock) at which the node applied the delete; the grace period
 * counts from it. Live cells carry 0 there. Given: do not edit.
 */
public record CassandraCompactionCell(String key, long timestamp, String value, long deletedAt) {
  /** A tombstone marks a delete; it shadows every cell of its key with an older timestamp. */
  public boolean isTombstone() {
    return value == null;
  }
}
