/**
 * A read asked for an offset the log does not hold: before its start offset (never written, or
 * deleted by retention) or at or past its end offset (not written yet). Given: do not edit.
 */
public class LogOffsetOutOfRangeException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long offset;
  private final long startOffset;
  private final long endOffset;

  /** {@code offset} was asked for while the log held the offsets startOffset to endOffset - 1. */
  public LogOffsetOutOfRangeException(long offset, long startOffset, long endOffset) {
    super(message(offset, startOffset, endOffset));
    this.offset = offset;
    this.startOffset = startOffset;
    this.endOffset = endOffset;
  }

  /** The offset asked for. */
  public long offset() {
    return offset;
  }

  /** The log's start offset when it was asked. */
  public long startOffset() {
    return startOffset;
  }

  /** The log's end offset when it was asked. */
  public long endOffset() {
    return endOffset;
  }

  private static String message(long offset, long startOffset, long endOffset) {
    String held = startOffset >= endOffset
        ? "it holds no records (start offset = end offset = " + endOffset + ")"
        : "it holds offsets " + startOffset + " to " + (endOffset - 1);
    String side = offset < startOffset ? "before the start of the log" : "past the end of the log";
    return "offset " + offset + " is " + side + ": " + held;
  }
}
