import dstutor.kit.Hashing;
import java.util.List;
import java.util.Map;

/**
 * One replica of a key range, as another replica sees it during anti-entropy: every call is a
 * message between the two machines, and the suite counts them. Given: do not edit.
 *
 * <p>Tree positions: level 0 is the root; level L has nodes 0 to 2^L - 1; node (L, i) has the
 * children (L + 1, 2i) and (L + 1, 2i + 1); level depth() holds the leaves.
 */
public interface DynamoPeer {
  /** The largest depth a tree may have. */
  int MAX_DEPTH = 16;

  /** The leaf of {@code key} in a tree of {@code depth}: the top depth bits of its token. */
  static int leafOf(String key, int depth) {
    return depth == 0 ? 0 : (int) (Hashing.hash64(key) >>> (64 - depth));
  }

  /** The depth d of this replica's Merkle tree: 2^d leaves. */
  int depth();

  /**
   * The hash of tree node ({@code level}, {@code index}).
   *
   * @throws IllegalArgumentException for a position outside the tree
   */
  long hash(int level, int index);

  /**
   * The keys of leaf {@code index} that this replica holds, each with its versions (siblings),
   * as a map the caller owns.
   *
   * @throws IllegalArgumentException for an index outside 0 to 2^depth - 1
   */
  Map<String, List<DynamoVersion>> leaf(int index);

  /** Keeps each of these versions by the keeping rule; the caller may reuse the map afterwards. */
  void receive(Map<String, List<DynamoVersion>> versions);
}
