/**
 * The primary's answer to one record append (read-only).
 *
 * @param status what happened
 * @param offset where the record now is in the chunk, on every replica, when {@code status} is
 *     {@link Status#OK}; -1 otherwise
 */
public record GfsAppendReply(Status status, int offset) {
  public enum Status {
    /** The record is at {@code offset} on every replica. */
    OK,
    /** The record did not fit: the chunk was padded to its end; retry on the next chunk. */
    RETRY_NEXT_CHUNK,
    /** The write failed at some replica: retry (the replicas may now hold a fragment). */
    FAILED
  }

  public static GfsAppendReply ok(int offset) {
    return new GfsAppendReply(Status.OK, offset);
  }

  public static GfsAppendReply retryNextChunk() {
    return new GfsAppendReply(Status.RETRY_NEXT_CHUNK, -1);
  }

  public static GfsAppendReply failed() {
    return new GfsAppendReply(Status.FAILED, -1);
  }
}
