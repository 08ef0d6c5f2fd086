import java.util.List;
import java.util.Map;

/**
 * A Merkle tree of depth d over the whole token space: 2^d leaves, each hashing the keys and
 * values whose tokens fall in its range, and inner nodes hashing their two children. See brief.md
 * for the exact layout, the hashing rules and how the suite counts comparisons.
 */
public class MerkleTree implements MerkleHashes {
  /** The deepest tree allowed: 2^16 = 65,536 leaves. */
  public static final int MAX_DEPTH = 16;

  /**
   * Builds the tree of {@code data} (key to value). Keeps its own copy: later changes to
   * {@code data} do not change the tree, and the tree never changes {@code data}.
   *
   * @throws IllegalArgumentException if depth is outside 0 to {@link #MAX_DEPTH}
   */
  public MerkleTree(int depth, Map<String, String> data) {
    // TODO: check depth, copy the data into the leaves, hash the leaves, then the inner nodes.
    throw new UnsupportedOperationException("TODO: MerkleTree constructor");
  }

  @Override
  public int depth() {
    // TODO: return d.
    throw new UnsupportedOperationException("TODO: depth");
  }

  @Override
  public long hash(int level, int index) {
    // TODO: the hash of node (level, index); IllegalArgumentException outside the tree.
    throw new UnsupportedOperationException("TODO: hash");
  }

  /** The leaf whose range holds the token of {@code key}: its top d bits. */
  public int leafOf(String key) {
    // TODO: TokenRange.tokenOf(key), read as unsigned; mind depth 0.
    throw new UnsupportedOperationException("TODO: leafOf");
  }

  /**
   * The tokens leaf {@code index} covers, both ends included.
   *
   * @throws IllegalArgumentException if index is outside 0 to 2^d - 1
   */
  public TokenRange leafRange(int index) {
    // TODO: the index-th of 2^d equal ranges; the last one ends at 0xffffffffffffffff.
    throw new UnsupportedOperationException("TODO: leafRange");
  }

  /** Sets {@code key} to {@code value} (adding or replacing it) and rehashes what that changes. */
  public void put(String key, String value) {
    // TODO: change your copy, rehash the key's leaf and every node above it.
    throw new UnsupportedOperationException("TODO: put");
  }

  /** Removes {@code key} if present (nothing happens otherwise) and rehashes what that changes. */
  public void remove(String key) {
    // TODO: change your copy, rehash the key's leaf and every node above it.
    throw new UnsupportedOperationException("TODO: remove");
  }

  /**
   * The ranges of the leaves whose keys or values differ between this tree and {@code other}, in
   * ascending order, one per leaf. Reads this tree's hashes freely; every call to
   * {@code other.hash} counts as one comparison, so ask it only for what the walk needs.
   *
   * @throws IllegalArgumentException if other has another depth
   */
  public List<TokenRange> diff(MerkleHashes other) {
    // TODO: compare the roots, then descend only into children whose hashes differ.
    throw new UnsupportedOperationException("TODO: diff");
  }
}
