import dstutor.kit.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Merkle tree of depth d over the whole token space. Each leaf keeps its pairs in a TreeMap
 * (made when the leaf gets its first key), so they are hashed in key order whatever order they
 * arrived in; hashes are kept per level, and a put or remove rehashes one leaf and the d nodes
 * above it.
 */
public class MerkleTree implements MerkleHashes {
  /** The deepest tree allowed: 2^16 = 65,536 leaves. */
  public static final int MAX_DEPTH = 16;

  // Different seeds for leaves and inner nodes, so that a leaf's bytes never hash like a node's.
  private static final int LEAF_SEED = 0x1eaf;
  private static final int NODE_SEED = 0x40de;

  private final int depth;
  /** levels[L][i] is the hash of node (L, i); levels[depth] are the leaves. */
  private final long[][] levels;
  /** The pairs of each leaf; null for a leaf that never had a key. */
  private final List<TreeMap<String, String>> leaves;

  public MerkleTree(int depth, Map<String, String> data) {
    if (depth < 0 || depth > MAX_DEPTH) {
      throw new IllegalArgumentException("depth must be 0 to " + MAX_DEPTH + ": " + depth);
    }
    this.depth = depth;
    int count = 1 << depth;
    leaves = new ArrayList<>(Collections.nCopies(count, null));
    for (Map.Entry<String, String> e : data.entrySet()) {
      pairs(leafOf(e.getKey())).put(e.getKey(), e.getValue());
    }
    levels = new long[depth + 1][];
    for (int level = 0; level <= depth; level++) {
      levels[level] = new long[1 << level];
    }
    for (int i = 0; i < count; i++) {
      levels[depth][i] = leafHash(leaves.get(i));
    }
    for (int level = depth - 1; level >= 0; level--) {
      for (int i = 0; i < levels[level].length; i++) {
        levels[level][i] = nodeHash(levels[level + 1][2 * i], levels[level + 1][2 * i + 1]);
      }
    }
  }

  @Override
  public int depth() {
    return depth;
  }

  @Override
  public long hash(int level, int index) {
    if (level < 0 || level > depth || index < 0 || index >= 1 << level) {
      throw new IllegalArgumentException(
          "no node (" + level + ", " + index + ") in a tree of depth " + depth);
    }
    return levels[level][index];
  }

  public int leafOf(String key) {
    if (depth == 0) {
      return 0; // a shift by 64 would be a shift by 0
    }
    return (int) (TokenRange.tokenOf(key) >>> (64 - depth));
  }

  public TokenRange leafRange(int index) {
    if (index < 0 || index >= 1 << depth) {
      throw new IllegalArgumentException(
          "no leaf " + index + " in a tree of depth " + depth);
    }
    if (depth == 0) {
      return new TokenRange(0, -1L);
    }
    long first = (long) index << (64 - depth);
    long width = 1L << (64 - depth); // 2^63 at depth 1: negative as a long, right as unsigned
    return new TokenRange(first, first + width - 1);
  }

  public void put(String key, String value) {
    int leaf = leafOf(key);
    pairs(leaf).put(key, value);
    rehash(leaf);
  }

  public void remove(String key) {
    int leaf = leafOf(key);
    if (pairs(leaf).remove(key) != null) {
      rehash(leaf);
    }
  }

  /** The pairs of a leaf, made on first use. */
  private TreeMap<String, String> pairs(int leaf) {
    TreeMap<String, String> pairs = leaves.get(leaf);
    if (pairs == null) {
      pairs = new TreeMap<>();
      leaves.set(leaf, pairs);
    }
    return pairs;
  }

  public List<TokenRange> diff(MerkleHashes other) {
    if (other.depth() != depth) {
      throw new IllegalArgumentException(
          "cannot compare a tree of depth " + depth + " with one of depth " + other.depth());
    }
    List<TokenRange> out = new ArrayList<>();
    walk(other, 0, 0, out);
    return out;
  }

  /** Compares node (level, index) with other's, and goes down only where they differ. */
  private void walk(MerkleHashes other, int level, int index, List<TokenRange> out) {
    if (other.hash(level, index) == levels[level][index]) {
      return;
    }
    if (level == depth) {
      out.add(leafRange(index));
      return;
    }
    walk(other, level + 1, 2 * index, out);
    walk(other, level + 1, 2 * index + 1, out);
  }

  private void rehash(int leaf) {
    levels[depth][leaf] = leafHash(leaves.get(leaf));
    int index = leaf;
    for (int level = depth - 1; level >= 0; level--) {
      index /= 2;
      levels[level][index] = nodeHash(levels[level + 1][2 * index],
          levels[level + 1][2 * index + 1]);
    }
  }

  /** The hash of a leaf's pairs in key order, each key and value preceded by its length. */
  private static long leafHash(TreeMap<String, String> pairs) {
    if (pairs == null || pairs.isEmpty()) {
      return Hashing.hash64(new byte[0], LEAF_SEED);
    }
    List<byte[]> parts = new ArrayList<>(2 * pairs.size());
    int size = 0;
    for (Map.Entry<String, String> e : pairs.entrySet()) {
      byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
      byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
      parts.add(key);
      parts.add(value);
      size += 8 + key.length + value.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    for (byte[] part : parts) {
      out.putInt(part.length).put(part);
    }
    return Hashing.hash64(out.array(), LEAF_SEED);
  }

  private static long nodeHash(long left, long right) {
    return Hashing.hash64(ByteBuffer.allocate(16).putLong(left).putLong(right).array(),
        NODE_SEED);
  }
}
