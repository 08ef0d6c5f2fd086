/**
 * One cell of the store: a key's value written at a client-supplied timestamp, or, when
 * {@code value} is {@code null}, a tombstone: the key was deleted at that timestamp. Given: do
 * not edit.
 */
public record CassandraCell(String key, long timestamp, String value) {
  /** A tombstone marks a delete; it shadows every cell of its key with an older timestamp. */
  public boolean isTombstone() {
    return value == null;
  }
}
