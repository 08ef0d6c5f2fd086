/**
 * No replica holds a copy of the block that verifies: every one is corrupt or lacks the block.
 * Nothing can be served or repaired from them. Given: do not edit.
 */
public final class NoGoodReplicaException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String blockId;

  /**
   * @param blockId the block no replica could serve
   * @param message what each replica answered, for people
   */
  public NoGoodReplicaException(String blockId, String message) {
    super(message);
    this.blockId = blockId;
  }

  /** The block no replica could serve. */
  public String blockId() {
    return blockId;
  }
}
