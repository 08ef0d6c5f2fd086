import dstutor.kit.Node;
import java.util.Set;

/**
 * A member of a gossip cluster (read-only). It owns a small map of its own (key, value) entries,
 * learns the other members and their entries by gossip, and judges which members have failed.
 */
public interface GossipMember extends Node {
  /** Sets this member's own entry {@code key}; newer than any earlier put of that key. */
  void put(String key, String value);

  /** This node's current view of {@code member}'s entry {@code key}, or null if it has none. */
  String get(String member, String key);

  /** Every member this node knows of, itself included. */
  Set<String> members();

  /** The members this node believes have failed. Never itself. */
  Set<String> down();
}
