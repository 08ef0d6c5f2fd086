/**
 * A log of records addressed by offset: record n is the n-th record ever appended, counting from
 * 0. Old records go only by retention, a whole segment at a time. Given: do not edit.
 */
public interface OffsetLog extends AutoCloseable {

  /**
   * Appends a copy of {@code record} and returns its offset, {@link #endOffset()} before the call.
   *
   * @throws IllegalArgumentException if the record does not fit in one segment (4 +
   *     record.length > segmentBytes); then nothing changes
   */
  long append(byte[] record);

  /**
   * The record at {@code offset}, as a new array the caller may change.
   *
   * @throws LogOffsetOutOfRangeException if offset < {@link #startOffset()} or offset >= {@link
   *     #endOffset()}
   */
  byte[] read(long offset);

  /** The offset of the oldest record still held: the base offset of the oldest segment. */
  long startOffset();

  /** The offset the next append gets: one past the newest record. */
  long endOffset();

  /**
   * Deletes the oldest segments, whole and oldest first, while the oldest is not the active
   * segment and the log without it still holds at least {@code retentionBytes} bytes (headers
   * included). Returns how many segments it deleted.
   *
   * @throws IllegalArgumentException if retentionBytes < 0
   */
  int deleteOldSegments(long retentionBytes);

  /** A clean shutdown: everything written so far is made durable (fsynced). */
  @Override
  void close();
}
