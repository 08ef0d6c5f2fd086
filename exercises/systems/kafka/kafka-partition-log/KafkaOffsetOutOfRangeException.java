/**
 * A fetch asked for an offset the partition does not hold: before its log start offset (deleted
 * by retention) or past its log end offset. Kafka answers such a fetch with OFFSET_OUT_OF_RANGE,
 * and the consumer resets its position. Given: do not edit.
 */
public class KafkaOffsetOutOfRangeException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long offset;
  private final long logStartOffset;
  private final long logEndOffset;

  /** {@code offset} was asked for while the log held logStartOffset to logEndOffset - 1. */
  public KafkaOffsetOutOfRangeException(long offset, long logStartOffset, long logEndOffset) {
    super("offset " + offset + " is out of range: the log start offset is " + logStartOffset
        + " and the log end offset " + logEndOffset);
    this.offset = offset;
    this.logStartOffset = logStartOffset;
    this.logEndOffset = logEndOffset;
  }

  /** The offset asked for. */
  public long offset() {
    return offset;
  }

  /** The log start offset when it was asked. */
  public long logStartOffset() {
    return logStartOffset;
  }

  /** The log end offset when it was asked. */
  public long logEndOffset() {
    return logEndOffset;
  }
}
