import dstutor.kit.Hashing;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A consistent-hashing ring where every physical node owns {@code virtualNodesPerNode} tokens.
 * See brief.md for the contracts and the properties the suite checks.
 */
public class ConsistentHashRing implements HashRing {

  /**
   * An empty ring whose nodes will each get {@code virtualNodesPerNode} tokens.
   *
   * @throws IllegalArgumentException if virtualNodesPerNode < 1
   */
  public ConsistentHashRing(int virtualNodesPerNode) {
    // TODO: check the argument and keep it; set up the ring (token -> physical node).
    throw new UnsupportedOperationException("TODO: ConsistentHashRing(virtualNodesPerNode)");
  }

  /**
   * A ring that starts with {@code nodes}, as if each were added with {@link #addNode}.
   *
   * @throws IllegalArgumentException if virtualNodesPerNode < 1
   */
  public ConsistentHashRing(int virtualNodesPerNode, Collection<String> nodes) {
    // TODO: like the constructor above, then add each node. Keep no reference to the collection
    // (the caller may change it later) and never modify it (it may be a List.of).
    throw new UnsupportedOperationException(
        "TODO: ConsistentHashRing(virtualNodesPerNode, nodes)");
  }

  @Override
  public void addNode(String node) {
    // TODO: place the node's virtual nodes on the ring. Hashing.hash64(String) is a good hash;
    // a token must depend only on the node's name and the virtual node's number.
    throw new UnsupportedOperationException("TODO: addNode");
  }

  @Override
  public void removeNode(String node) {
    // TODO: take all of the node's tokens off the ring; an absent node changes nothing.
    throw new UnsupportedOperationException("TODO: removeNode");
  }

  @Override
  public String nodeFor(String key) {
    // TODO: the first token at or after the key's hash, wrapping around past the last token.
    throw new UnsupportedOperationException("TODO: nodeFor");
  }

  @Override
  public List<String> preferenceList(String key, int n) {
    // TODO: walk clockwise from the key's hash, collecting distinct physical nodes.
    throw new UnsupportedOperationException("TODO: preferenceList");
  }

  @Override
  public Set<String> nodes() {
    // TODO: the physical nodes now in the ring, as a copy the caller may keep.
    throw new UnsupportedOperationException("TODO: nodes");
  }
}
