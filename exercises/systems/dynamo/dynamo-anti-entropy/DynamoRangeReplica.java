import java.util.List;
import java.util.Map;

/**
 * One replica of a key range: its versions, reconciled by vector clock, and a Merkle tree over
 * them that anti-entropy compares top-down with another replica's.
 */
public final class DynamoRangeReplica implements DynamoPeer {

  /**
   * @param depth the depth of the Merkle tree, 0 to MAX_DEPTH
   * @throws IllegalArgumentException if depth is outside 0 to MAX_DEPTH
   */
  public DynamoRangeReplica(int depth) {
    // TODO: check the depth; set up the data and the tree
    throw new UnsupportedOperationException("TODO: DynamoRangeReplica constructor");
  }

  /** A local write: keeps {@code version} of {@code key} by the keeping rule. */
  public void put(String key, DynamoVersion version) {
    // TODO
    throw new UnsupportedOperationException("TODO: DynamoRangeReplica.put");
  }

  /** The versions (siblings) held for {@code key}, in any order; empty if none. */
  public List<DynamoVersion> get(String key) {
    // TODO
    throw new UnsupportedOperationException("TODO: DynamoRangeReplica.get");
  }

  @Override
  public int depth() {
    // TODO
    throw new UnsupportedOperationException("TODO: DynamoRangeReplica.depth");
  }

  @Override
  public long hash(int level, int index) {
    // TODO
    throw new UnsupportedOperationException("TODO: DynamoRangeReplica.hash");
  }

  @Override
  public Map<String, List<DynamoVersion>> leaf(int index) {
    // TODO
    throw new UnsupportedOperationException("TODO: DynamoRangeReplica.leaf");
  }

  @Override
  public void receive(Map<String, List<DynamoVersion>> versions) {
    // TODO
    throw new UnsupportedOperationException("TODO: DynamoRangeReplica.receive");
  }

  /**
   * Anti-entropy with {@code other}: compare the trees top-down, exchange the keys of the leaves
   * that differ, both ways, so that afterwards both replicas hold the same versions.
   *
   * @throws IllegalArgumentException if other's depth differs from this replica's
   */
  public void syncWith(DynamoPeer other) {
    // TODO
    throw new UnsupportedOperationException("TODO: DynamoRangeReplica.syncWith");
  }
}
