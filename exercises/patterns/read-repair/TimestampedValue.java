/**
 * One version of a key's value: the value and the timestamp its writer gave it (as in Cassandra,
 * from the client or the coordinator that took the write, never from a replica). Given: do not
 * edit.
 *
 * <p>Which of two versions is newer: the one with the larger timestamp; at equal timestamps, the
 * one whose value is larger by {@link String#compareTo}; equal timestamps and equal values are the
 * same version. Any version is newer than no version ({@code null}).
 */
public record TimestampedValue(String value, long timestamp) {

  /** @throws NullPointerException if value is null */
  public TimestampedValue {
    if (value == null) {
      throw new NullPointerException("value");
    }
  }
}
