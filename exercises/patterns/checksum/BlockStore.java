/**
 * Where blocks of bytes are kept: one machine's store (a DataNode's disk, a GFS chunkserver), as
 * seen by the code that reads and repairs across replicas. Given: do not edit.
 */
public interface BlockStore {

  /**
   * Stores a copy of {@code data} as block {@code blockId}, replacing any earlier block of that
   * id. Later changes to the caller's array do not change the stored block.
   */
  void write(String blockId, byte[] data);

  /**
   * The block's bytes, checked: a new array on every call, or {@code null} if this store has no
   * block {@code blockId}.
   *
   * @throws CorruptBlockException if the stored block fails its checksums: the store never
   *     returns bytes it could not verify
   */
  byte[] read(String blockId);
}
