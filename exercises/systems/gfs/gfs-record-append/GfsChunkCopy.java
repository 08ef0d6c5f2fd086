/**
 * One replica's copy of a chunk (read-only; the suite implements it). A copy holds bytes 0 up to
 * {@link #length()}; it never holds more than the chunk size.
 */
public interface GfsChunkCopy {
  /** How many bytes this copy holds: the end of its data. */
  int length();

  /**
   * Writes {@code bytes} at {@code offset}. If {@code offset} is past this copy's end, the gap is
   * filled with zero bytes first; bytes already there are overwritten. The copy's length becomes
   * at least {@code offset + bytes.length}.
   *
   * @return true if the write succeeded; false if it failed at this replica, in which case the
   *     copy may hold any prefix of {@code bytes} at {@code offset} (none, part or all of them)
   * @throws IllegalArgumentException if {@code offset} is negative or the write would end past
   *     the chunk size
   */
  boolean write(int offset, byte[] bytes);
}
