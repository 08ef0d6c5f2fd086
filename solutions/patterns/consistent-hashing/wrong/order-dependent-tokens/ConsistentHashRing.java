import dstutor.kit.Hashing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * KNOWN-WRONG VARIANT (order-dependent-tokens): virtual nodes are numbered by a ring-wide counter,
 * so placement depends on join order. The suite must fail it with hint "minimal-movement".
 */
public class ConsistentHashRing implements HashRing {
  private final int virtualNodesPerNode;
  private final NavigableMap<Long, String> ring = new TreeMap<>();
  private final Set<String> nodes = new TreeSet<>();
  private final Map<String, List<Long>> tokensOf = new java.util.HashMap<>();
  private int nextVirtualNode = 0;

  public ConsistentHashRing(int virtualNodesPerNode) {
    if (virtualNodesPerNode < 1) {
      throw new IllegalArgumentException("virtualNodesPerNode < 1: " + virtualNodesPerNode);
    }
    this.virtualNodesPerNode = virtualNodesPerNode;
  }

  @Override
  public void addNode(String node) {
    if (node == null) {
      throw new NullPointerException("node == null");
    }
    if (!nodes.add(node)) {
      return; // already present: its tokens are already on the ring
    }
    List<Long> tokens = new ArrayList<>();
    for (int i = 0; i < virtualNodesPerNode; i++) {
      long t = token(node, nextVirtualNode++); // depends on how many joined before
      ring.put(t, node);
      tokens.add(t);
    }
    tokensOf.put(node, tokens);
  }

  @Override
  public void removeNode(String node) {
    if (node == null) {
      throw new NullPointerException("node == null");
    }
    if (!nodes.remove(node)) {
      return; // not in the ring: nothing to do
    }
    for (long t : tokensOf.remove(node)) {
      ring.remove(t, node);
    }
  }

  @Override
  public String nodeFor(String key) {
    requireNodes();
    Map.Entry<Long, String> owner = ring.ceilingEntry(position(key));
    return owner != null ? owner.getValue() : ring.firstEntry().getValue(); // wrap around
  }

  @Override
  public List<String> preferenceList(String key, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n < 1: " + n);
    }
    requireNodes();
    int wanted = Math.min(n, nodes.size());
    List<String> list = new ArrayList<>(wanted);
    Set<String> seen = new HashSet<>();
    long start = position(key);
    // Clockwise from the key: the tokens at or after it, then (wrapping) the ones before it.
    for (Iterable<String> arc :
        List.of(ring.tailMap(start, true).values(), ring.headMap(start, false).values())) {
      for (String node : arc) {
        if (seen.add(node)) { // skip tokens of nodes already listed
          list.add(node);
          if (list.size() == wanted) {
            return Collections.unmodifiableList(list);
          }
        }
      }
    }
    return Collections.unmodifiableList(list); // not reached: every node has a token
  }

  @Override
  public Set<String> nodes() {
    return Collections.unmodifiableSet(new TreeSet<>(nodes));
  }

  private void requireNodes() {
    if (nodes.isEmpty()) {
      throw new IllegalStateException("the ring has no nodes: add one before looking up keys");
    }
  }

  /**
   * A token depends only on the node's name and the virtual node's number, so that a node lands
   * on the same tokens whatever else is in the ring. The '#' keeps "a1" + 0 apart from "a" + 10.
   */
  private static long token(String node, int virtualNode) {
    return Hashing.hash64(node + "#" + virtualNode);
  }

  private static long position(String key) {
    return Hashing.hash64(key);
  }
}
