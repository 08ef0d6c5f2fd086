import java.util.List;
import java.util.Set;

/**
 * A consistent-hashing ring of physical nodes, each placed on the ring at several tokens (its
 * virtual nodes). Keys and tokens share one hash space that wraps around: the token after the
 * largest one is the smallest. Given: do not edit.
 *
 * <p>Placement depends only on which nodes are in the ring (and the virtual-node count), never on
 * the order in which they joined or left. See brief.md for every contract the suite checks.
 */
public interface HashRing {

  /**
   * Adds a physical node and its virtual nodes. Adding a node that is already in the ring changes
   * nothing.
   */
  void addNode(String node);

  /**
   * Removes a physical node and all its virtual nodes. Removing a node that is not in the ring
   * changes nothing (no exception).
   */
  void removeNode(String node);

  /**
   * The owner of {@code key}: the node of the first token at or after the key's hash, going
   * clockwise, wrapping around past the last token to the first.
   *
   * @throws IllegalStateException if the ring has no nodes
   */
  String nodeFor(String key);

  /**
   * The first {@code n} distinct physical nodes met walking clockwise from the key's hash: the
   * owner first, then the next tokens in ring order, skipping tokens of nodes already listed.
   * When the ring has fewer than {@code n} nodes, all of them (in that order). The list belongs
   * to the caller, like the set {@link #nodes()} returns.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   * @throws IllegalStateException if the ring has no nodes
   */
  List<String> preferenceList(String key, int n);

  /**
   * The physical nodes now in the ring, as a set the caller owns: a copy (or an unmodifiable
   * copy). Changing it does not change the ring, and later changes to the ring do not change it.
   */
  Set<String> nodes();
}
