import java.util.List;

/**
 * The primary's side of GFS record append for one chunk: it picks the offset (its own end), pads
 * the chunk and sends the client to the next chunk when the record does not fit, and otherwise
 * has every replica write the record at that same offset.
 */
public final class GfsRecordAppender {
  /** @param chunkSize the chunk size in bytes; records may be at most a quarter of it */
  public GfsRecordAppender(int chunkSize) {
    // TODO: keep what you need
    throw new UnsupportedOperationException("TODO: GfsRecordAppender constructor");
  }

  /**
   * Appends one framed record to the chunk whose copies are {@code replicas}.
   *
   * @param replicas the chunk's copies; {@code replicas.get(0)} is the primary's own
   * @param record the framed record, as {@link GfsRecordFormat#encode} made it
   * @throws IllegalArgumentException if the record is longer than a quarter of the chunk size
   */
  public GfsAppendReply append(List<GfsChunkCopy> replicas, byte[] record) {
    // TODO: check the size, pick the offset, pad or write everywhere, answer
    throw new UnsupportedOperationException("TODO: GfsRecordAppender.append");
  }
}
