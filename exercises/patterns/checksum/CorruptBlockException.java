/**
 * A stored block failed verification: its bytes, or the checksums stored for them, changed since
 * they were written. Given: do not edit.
 */
public final class CorruptBlockException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String blockId;
  private final int chunk;

  /**
   * @param blockId the block that failed
   * @param chunk the lowest-numbered chunk that failed its checksum (0 is the block's first
   *     chunk)
   * @param message what failed, for people
   */
  public CorruptBlockException(String blockId, int chunk, String message) {
    super(message);
    this.blockId = blockId;
    this.chunk = chunk;
  }

  /** The block that failed. */
  public String blockId() {
    return blockId;
  }

  /** The lowest-numbered chunk that failed its checksum. */
  public int chunk() {
    return chunk;
  }
}
