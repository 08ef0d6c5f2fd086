import dstutor.kit.Context;
import java.util.List;
import java.util.Set;

/**
 * A gossip member: every round it bumps its own heartbeat counter and swaps what it knows with
 * one member picked at random (push-pull). Each member's state is versioned by its owner, so
 * merging two views keeps, entry by entry, the newer one. A member whose heartbeat has not gone
 * up for failAfterMillis is considered down.
 */
public final class GossipNode implements GossipMember {
  private Context ctx;

  /**
   * @param seeds members to contact first (may include this node)
   * @param roundMillis how often to gossip, on this node's clock
   * @param failAfterMillis how long a member's heartbeat may stay still before it is down
   * @throws IllegalArgumentException if roundMillis < 1 or failAfterMillis <= roundMillis
   */
  public GossipNode(List<String> seeds, long roundMillis, long failAfterMillis) {
    // TODO: check the arguments and keep them
    throw new UnsupportedOperationException("TODO: GossipNode constructor");
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
    // TODO: know yourself and the seeds, and schedule the first round
    throw new UnsupportedOperationException("TODO: GossipNode.start");
  }

  @Override
  public void onTimer(Object tag) {
    // TODO: a round: bump your heartbeat, push your state to a random member
    throw new UnsupportedOperationException("TODO: GossipNode.onTimer");
  }

  @Override
  public void onMessage(String from, Object message) {
    // TODO: merge what arrived; answer a push with your own state (the pull)
    throw new UnsupportedOperationException("TODO: GossipNode.onMessage");
  }

  @Override
  public void put(String key, String value) {
    // TODO: a new version of one of your own entries
    throw new UnsupportedOperationException("TODO: GossipNode.put");
  }

  @Override
  public String get(String member, String key) {
    // TODO: what you know of member's entry
    throw new UnsupportedOperationException("TODO: GossipNode.get");
  }

  @Override
  public Set<String> members() {
    // TODO: every member you know of, yourself included
    throw new UnsupportedOperationException("TODO: GossipNode.members");
  }

  @Override
  public Set<String> down() {
    // TODO: the members whose heartbeat has not gone up for failAfterMillis
    throw new UnsupportedOperationException("TODO: GossipNode.down");
  }
}
