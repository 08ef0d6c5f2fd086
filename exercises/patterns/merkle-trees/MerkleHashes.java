/**
 * The node hashes of a Merkle tree over the whole token space, read by position: what one replica
 * can ask another for during anti-entropy. The tree may be on another machine, so every call to
 * {@link #hash(int, int)} may be a message over the network. Given: do not edit.
 *
 * <p>Positions: level 0 is the root (one node, index 0); level L has 2^L nodes, index 0 to
 * 2^L - 1, left to right; the children of node (L, i) are (L + 1, 2i) and (L + 1, 2i + 1); level
 * {@link #depth()} holds the leaves, and leaf i covers the i-th of 2^d equal ranges of tokens
 * (brief.md gives them exactly).
 */
public interface MerkleHashes {

  /** The tree's depth d: it has 2^d leaves, at level d. */
  int depth();

  /**
   * The hash of node ({@code level}, {@code index}): of the keys and values in the leaf for a
   * leaf, of its two children's hashes (left, then right) for an inner node.
   *
   * @throws IllegalArgumentException if the level is outside 0 to depth(), or the index outside 0
   *     to 2^level - 1
   */
  long hash(int level, int index);

  /** The root's hash: {@code hash(0, 0)}. */
  default long rootHash() {
    return hash(0, 0);
  }
}
