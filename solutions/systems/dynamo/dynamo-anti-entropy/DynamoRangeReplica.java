import dstutor.kit.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One replica of a key range: its versions, reconciled by vector clock, and a Merkle tree over
 * them that anti-entropy compares top-down with another replica's.
 */
public final class DynamoRangeReplica implements DynamoPeer {
  private final int depth;
  /** Per leaf: key -> its siblings, sorted by key. */
  private final List<TreeMap<String, List<DynamoVersion>>> leaves = new ArrayList<>();
  /** tree[level][index]; the leaves are tree[depth]. */
  private final long[][] tree;

  /**
   * @param depth the depth of the Merkle tree, 0 to MAX_DEPTH
   * @throws IllegalArgumentException if depth is outside 0 to MAX_DEPTH
   */
  public DynamoRangeReplica(int depth) {
    if (depth < 0 || depth > MAX_DEPTH) {
      throw new IllegalArgumentException("depth outside 0.." + MAX_DEPTH + ": " + depth);
    }
    this.depth = depth;
    tree = new long[depth + 1][];
    for (int level = 0; level <= depth; level++) {
      tree[level] = new long[1 << level];
    }
    for (int i = 0; i < (1 << depth); i++) {
      leaves.add(new TreeMap<>());
      tree[depth][i] = leafHash(leaves.get(i));
    }
    for (int level = depth - 1; level >= 0; level--) {
      for (int i = 0; i < (1 << level); i++) {
        tree[level][i] = inner(tree[level + 1][2 * i], tree[level + 1][2 * i + 1]);
      }
    }
  }

  /** A local write: keeps {@code version} of {@code key} by the keeping rule. */
  public void put(String key, DynamoVersion version) {
    int leaf = DynamoPeer.leafOf(key, depth);
    if (keep(leaves.get(leaf), key, version)) {
      rehash(leaf);
    }
  }

  /** Keeps v unless a held version covers it; drops what v supersedes. Whether anything changed. */
  private static boolean keep(Map<String, List<DynamoVersion>> leaf, String key,
      DynamoVersion v) {
    List<DynamoVersion> held = leaf.getOrDefault(key, List.of());
    List<DynamoVersion> kept = new ArrayList<>();
    for (DynamoVersion u : held) {
      if (u.covers(v)) {
        return false;
      }
      if (!v.covers(u)) {
        kept.add(u);
      }
    }
    kept.add(v);
    leaf.put(key, kept);
    return true;
  }

  /** The versions (siblings) held for {@code key}, in any order; empty if none. */
  public List<DynamoVersion> get(String key) {
    return List.copyOf(leaves.get(DynamoPeer.leafOf(key, depth)).getOrDefault(key, List.of()));
  }

  @Override
  public int depth() {
    return depth;
  }

  @Override
  public long hash(int level, int index) {
    if (level < 0 || level > depth || index < 0 || index >= (1 << level)) {
      throw new IllegalArgumentException("no node (" + level + ", " + index + ")");
    }
    return tree[level][index];
  }

  @Override
  public Map<String, List<DynamoVersion>> leaf(int index) {
    if (index < 0 || index >= (1 << depth)) {
      throw new IllegalArgumentException("no leaf " + index);
    }
    Map<String, List<DynamoVersion>> copy = new HashMap<>();
    leaves.get(index).forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }

  @Override
  public void receive(Map<String, List<DynamoVersion>> versions) {
    versions.forEach((key, list) -> list.forEach(v -> put(key, v)));
  }

  /**
   * Anti-entropy with {@code other}: compare the trees top-down, exchange the keys of the leaves
   * that differ, both ways, so that afterwards both replicas hold the same versions.
   *
   * @throws IllegalArgumentException if other's depth differs from this replica's
   */
  public void syncWith(DynamoPeer other) {
    if (other.depth() != depth) {
      throw new IllegalArgumentException("depths differ: " + depth + " and " + other.depth());
    }
    List<Integer> differing = new ArrayList<>();
    walk(other, 0, 0, differing);
    Map<String, List<DynamoVersion>> mine = new HashMap<>();
    for (int leaf : differing) {
      mine.putAll(leaf(leaf));
    }
    for (int leaf : differing) {
      receive(other.leaf(leaf));
    }
    if (!differing.isEmpty()) {
      other.receive(mine);
    }
  }

  private void walk(DynamoPeer other, int level, int index, List<Integer> differing) {
    if (other.hash(level, index) == tree[level][index]) {
      return;
    }
    if (level == depth) {
      differing.add(index);
      return;
    }
    walk(other, level + 1, 2 * index, differing);
    walk(other, level + 1, 2 * index + 1, differing);
  }

  private void rehash(int leaf) {
    tree[depth][leaf] = leafHash(leaves.get(leaf));
    int index = leaf;
    for (int level = depth - 1; level >= 0; level--) {
      index /= 2;
      tree[level][index] = inner(tree[level + 1][2 * index], tree[level + 1][2 * index + 1]);
    }
  }

  private static long inner(long left, long right) {
    return Hashing.hash64(ByteBuffer.allocate(16).putLong(left).putLong(right).array(), 2);
  }

  /**
   * A leaf's hash: keys in order; each key's versions sorted by their encoding; each clock's
   * entries by id; every string with its length before it.
   */
  private static long leafHash(TreeMap<String, List<DynamoVersion>> leaf) {
    StringBuilder b = new StringBuilder();
    leaf.forEach((key, versions) -> {
      List<String> encoded = new ArrayList<>();
      for (DynamoVersion v : versions) {
        StringBuilder e = new StringBuilder();
        str(e, v.value());
        new TreeMap<>(v.clock()).forEach((id, c) -> str(str(e, id), Long.toString(c)));
        encoded.add(e.toString());
      }
      encoded.sort(null);
      str(b, key).append(encoded.size()).append(':');
      encoded.forEach(e -> str(b, e));
    });
    return Hashing.hash64(b.toString().getBytes(StandardCharsets.UTF_8), 1);
  }

  private static StringBuilder str(StringBuilder b, String s) {
    return b.append(s.length()).append(':').append(s);
  }
}
