import dstutor.kit.Hashing;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A consistent-hashing ring where every physical node owns {@code virtualNodesPerNode} tokens. The
 * ring is a sorted map from token to physical node; the hash space is the signed 64-bit line,
 * read as a circle that wraps from the largest token back to the smallest.
 */
public class ConsistentHashRing implements HashRing {
  private final int virtualNodesPerNode;
  private final NavigableMap<Long, String> ring = new TreeMap<>();
  private final Set<String> nodes = new TreeSet<>();

  public ConsistentHashRing(int virtualNodesPerNode) {
    if (virtualNodesPerNode < 1) {
      throw new IllegalArgumentException("virtualNodesPerNode < 1: " + virtualNodesPerNode);
    }
    this.virtualNodesPerNode = virtualNodesPerNode;
  }

  /**
   * A ring that starts with {@code nodes}, added one by one with {@link #addNode}. The ring keeps
   * no reference to the collection and never modifies it.
   */
  public ConsistentHashRing(int virtualNodesPerNode, Collection<String> nodes) {
    this(virtualNodesPerNode);
    for (String node : nodes) {
      addNode(node);
    }
  }

  @Override
  public void addNode(String node) {
    if (node == null) {
      throw new NullPointerException("node == null");
    }
    if (!nodes.add(node)) {
      return; // already present: its tokens are already on the ring
    }
    for (int i = 0; i < virtualNodesPerNode; i++) {
      // Two tokens of 64 bits collide with odds of about 1e-13 for a few thousand tokens: we
      // accept that rather than keep a list of nodes per token.
      ring.put(token(node, i), node);
    }
  }

  @Override
  public void removeNode(String node) {
    if (node == null) {
      throw new NullPointerException("node == null");
    }
    if (!nodes.remove(node)) {
      return; // not in the ring: nothing to do
    }
    for (int i = 0; i < virtualNodesPerNode; i++) {
      ring.remove(token(node, i), node); // only if the token is still ours
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
