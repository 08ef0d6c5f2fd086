import java.util.List;

/**
 * The primary's side of GFS record append for one chunk: it picks the offset (its own end), pads
 * the chunk and sends the client to the next chunk when the record does not fit, and otherwise
 * has every replica write the record at that same offset.
 */
public final class GfsRecordAppender {
  private final int chunkSize;
  private final int maxRecord;

  /** @param chunkSize the chunk size in bytes; records may be at most a quarter of it */
  public GfsRecordAppender(int chunkSize) {
    this.chunkSize = chunkSize;
    this.maxRecord = chunkSize / 4;
  }

  /**
   * Appends one framed record to the chunk whose copies are {@code replicas}.
   *
   * @param replicas the chunk's copies; {@code replicas.get(0)} is the primary's own
   * @param record the framed record, as {@link GfsRecordFormat#encode} made it
   * @throws IllegalArgumentException if the record is longer than a quarter of the chunk size
   */
  public GfsAppendReply append(List<GfsChunkCopy> replicas, byte[] record) {
    if (record.length > maxRecord) {
      throw new IllegalArgumentException("record of " + record.length + " bytes: at most "
          + maxRecord + " (a quarter of the chunk)");
    }
    int offset = replicas.get(0).length();
    if (offset + record.length > chunkSize) {
      byte[] padding = new byte[chunkSize - offset];
      for (GfsChunkCopy r : replicas) {
        r.write(offset, padding);
      }
      return GfsAppendReply.retryNextChunk();
    }
    boolean all = true;
    for (GfsChunkCopy r : replicas) {
      all &= r.write(offset, record);
    }
    return all ? GfsAppendReply.ok(offset) : GfsAppendReply.failed();
  }
}
