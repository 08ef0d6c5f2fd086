import java.util.List;

/**
 * One Kafka partition's log on one broker: records addressed by offset, stored in segment files
 * with an offset index each, fetched by offset and deleted by time-based retention a whole
 * segment at a time. See brief.md for the file formats and the exact rules. Given: do not edit.
 */
public interface KafkaLog {

  /**
   * Appends a copy of {@code value} with {@code timestamp} and returns its offset, the log end
   * offset before the call.
   *
   * @throws IllegalArgumentException if timestamp < 0, or if the record does not fit in one
   *     segment (20 + value.length > segmentBytes); then nothing changes
   */
  long append(long timestamp, byte[] value);

  /**
   * The records from {@code offset} on, from the one segment that holds it, up to {@code
   * maxBytes} bytes of log (20 + value length each) but at least one record. Empty when offset is
   * the log end offset. Each value is a new array the caller may change.
   *
   * @throws KafkaOffsetOutOfRangeException if offset < logStartOffset() or offset >
   *     logEndOffset()
   * @throws IllegalArgumentException if maxBytes < 0
   */
  List<KafkaRecord> fetch(long offset, int maxBytes);

  /** The offset of the oldest record held: the base offset of the oldest segment. */
  long logStartOffset();

  /** The offset the next append gets: one past the newest record. */
  long logEndOffset();

  /**
   * Time-based retention as Kafka's retention.ms: deletes the oldest segments, whole, oldest
   * first, while the oldest is not the active segment and nowMs minus its largest timestamp is
   * greater than retentionMs. A negative retentionMs means no time limit. Returns how many
   * segments it deleted.
   */
  int deleteExpiredSegments(long nowMs, long retentionMs);
}
