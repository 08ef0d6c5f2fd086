import java.util.List;

/**
 * Blocks kept on several replicas, each a {@link BlockStore} that verifies its own copy. A read
 * never serves a corrupt copy: it falls back to another replica. Repair copies a good replica's
 * block over the replicas that failed, and leaves the good ones alone.
 */
public class ReplicatedBlocks {

  /**
   * @param replicas the stores that each hold a copy of every block (at least one)
   * @throws IllegalArgumentException if replicas is empty
   */
  public ReplicatedBlocks(List<? extends BlockStore> replicas) {
    // TODO: check the list and keep your own copy of it.
    throw new UnsupportedOperationException("TODO: ReplicatedBlocks constructor");
  }

  /** Writes {@code data} as block {@code blockId} to every replica. */
  public void write(String blockId, byte[] data) {
    // TODO
    throw new UnsupportedOperationException("TODO: write");
  }

  /**
   * A verified copy of the block from some replica. Never writes to a replica.
   *
   * @throws NoGoodReplicaException if no replica returns a verified copy
   */
  public byte[] read(String blockId) {
    // TODO: ask the replicas in turn; skip one that throws CorruptBlockException or returns null.
    throw new UnsupportedOperationException("TODO: read");
  }

  /**
   * Rewrites the block on every replica that is corrupt or lacks it, from a replica whose copy
   * verifies; good replicas are not written.
   *
   * @return how many replicas were rewritten
   * @throws NoGoodReplicaException if no replica has a verified copy (then nothing is written)
   */
  public int repair(String blockId) {
    // TODO: read every replica once, then write one good copy to each replica that failed.
    throw new UnsupportedOperationException("TODO: repair");
  }
}
