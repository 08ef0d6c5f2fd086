import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * HDFS's default rack-aware placement of a new block's replicas (BlockPlacementPolicyDefault).
 * See brief.md for the exact rules, the fallbacks and what the suite checks.
 */
public class HdfsBlockPlacement {

  /**
   * A placement policy over the cluster's DataNodes.
   *
   * @throws IllegalArgumentException if two nodes share an id
   */
  public HdfsBlockPlacement(List<HdfsDataNode> nodes) {
    // TODO: check the ids are distinct, then keep your own copy of the nodes.
    throw new UnsupportedOperationException("TODO: HdfsBlockPlacement constructor");
  }

  /**
   * Chooses the DataNodes for a new block of {@code blockSize} bytes, in the order chosen: the
   * first replica first.
   *
   * @param replicas how many replicas the file wants (the replication factor)
   * @param writer the id of the writing client's node: a DataNode's id, or null or any other
   *     string for a client that is not on a DataNode
   * @param excluded ids of nodes that must not be chosen (leave the set as it is)
   * @param blockSize the block's size in bytes: a node with less free space is full
   * @param random the only source of randomness: every random choice draws from it
   * @throws IllegalArgumentException if replicas < 0 or blockSize < 1
   */
  public List<String> chooseTargets(int replicas, String writer, Set<String> excluded,
      long blockSize, Random random) {
    // TODO: work out how many targets and the most per rack, then choose the first replica,
    // the second, the third and the rest as brief.md says, skipping nodes that cannot take one.
    throw new UnsupportedOperationException("TODO: chooseTargets");
  }
}
