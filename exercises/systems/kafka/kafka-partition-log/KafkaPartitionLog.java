import dstutor.kit.Disk;
import java.util.List;

/**
 * A Kafka partition log: segments named by base offset, each a .log file of records and a .index
 * file of sparse (relative offset, position) entries, fetches by offset with a byte limit, and
 * time-based retention. See brief.md for the formats, the rules and what the suite checks.
 */
public class KafkaPartitionLog implements KafkaLog {

  /**
   * A new, empty log on an empty {@code disk}: creates the empty segment files {@code
   * 00000000000000000000.log} and {@code 00000000000000000000.index}.
   *
   * @throws IllegalArgumentException if segmentBytes < 20 or indexIntervalBytes < 0
   */
  public KafkaPartitionLog(Disk disk, int segmentBytes, int indexIntervalBytes) {
    // TODO: check the arguments, then create segment 0 (its .log and .index files).
    throw new UnsupportedOperationException("TODO: KafkaPartitionLog constructor");
  }

  @Override
  public long append(long timestamp, byte[] value) {
    // TODO: roll first if the record would overflow a non-empty active segment; add an index
    // entry if more than indexIntervalBytes went in since the last one; then append the record.
    throw new UnsupportedOperationException("TODO: append");
  }

  @Override
  public List<KafkaRecord> fetch(long offset, int maxBytes) {
    // TODO: check the range; find the segment, then the index's last entry at or before the
    // offset; step to the record with positional reads and return records up to maxBytes (at
    // least one), from that segment only.
    throw new UnsupportedOperationException("TODO: fetch");
  }

  @Override
  public long logStartOffset() {
    // TODO: the base offset of the oldest segment.
    throw new UnsupportedOperationException("TODO: logStartOffset");
  }

  @Override
  public long logEndOffset() {
    // TODO: the offset the next append gets.
    throw new UnsupportedOperationException("TODO: logEndOffset");
  }

  @Override
  public int deleteExpiredSegments(long nowMs, long retentionMs) {
    // TODO: delete whole segments, oldest first, never the active one, while nowMs minus the
    // oldest's largest timestamp is greater than retentionMs.
    throw new UnsupportedOperationException("TODO: deleteExpiredSegments");
  }
}
