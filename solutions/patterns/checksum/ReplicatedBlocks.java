import java.util.ArrayList;
import java.util.List;

/**
 * Blocks kept on several replicas, each a {@link BlockStore} that verifies its own copy. A read
 * takes the first copy that verifies and never writes; repair reads every replica once, then
 * writes one verified copy to each replica that was corrupt or lacked the block, and to no other.
 */
public class ReplicatedBlocks {
  private final List<BlockStore> replicas;

  public ReplicatedBlocks(List<? extends BlockStore> replicas) {
    if (replicas.isEmpty()) {
      throw new IllegalArgumentException("no replicas");
    }
    this.replicas = List.copyOf(replicas);
  }

  public void write(String blockId, byte[] data) {
    for (BlockStore replica : replicas) {
      replica.write(blockId, data);
    }
  }

  public byte[] read(String blockId) {
    StringBuilder failures = new StringBuilder();
    for (int i = 0; i < replicas.size(); i++) {
      byte[] copy = readOne(i, blockId, failures);
      if (copy != null) {
        return copy;
      }
    }
    throw new NoGoodReplicaException(blockId, "no replica has a good copy of " + blockId + ":"
        + failures);
  }

  public int repair(String blockId) {
    StringBuilder failures = new StringBuilder();
    byte[] good = null;
    List<BlockStore> bad = new ArrayList<>();
    for (int i = 0; i < replicas.size(); i++) {
      byte[] copy = readOne(i, blockId, failures);
      if (copy == null) {
        bad.add(replicas.get(i));
      } else if (good == null) {
        good = copy;
      }
    }
    if (good == null) {
      throw new NoGoodReplicaException(blockId, "cannot repair " + blockId
          + ": no replica has a good copy:" + failures);
    }
    for (BlockStore replica : bad) {
      replica.write(blockId, good);
    }
    return bad.size();
  }

  /** Replica i's verified copy, or null (with the reason added to failures). */
  private byte[] readOne(int i, String blockId, StringBuilder failures) {
    try {
      byte[] copy = replicas.get(i).read(blockId);
      if (copy == null) {
        failures.append(" replica ").append(i).append(" lacks it;");
      }
      return copy;
    } catch (CorruptBlockException e) {
      failures.append(" replica ").append(i).append(" is corrupt at chunk ").append(e.chunk())
          .append(';');
      return null;
    }
  }
}
