import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.List;

/**
 * One replica of a key-value store replicated by a single, fixed leader. The leader puts every
 * client write in its log, replicates the log to the followers, commits an entry once a majority
 * of the replicas hold it, applies committed entries to its store and only then answers the
 * client. Followers copy the leader's log in its order, apply what the leader committed, and
 * redirect clients to the leader.
 */
public final class ReplicatedKvNode implements Node {
  private Context ctx;

  /**
   * @param replicas every replica of the store, this one and the leader included
   * @param leader the leader, one of {@code replicas}; it does not change
   * @param intervalMillis the leader sends every follower an Append at least this often
   * @param store where this replica applies committed entries (fresh and empty at each start)
   * @throws IllegalArgumentException if replicas is empty, leader is not one of them, or
   *     intervalMillis < 1
   */
  public ReplicatedKvNode(List<String> replicas, String leader, long intervalMillis,
      KvStateMachine store) {
    // TODO: check the arguments and keep them
    throw new UnsupportedOperationException("TODO: ReplicatedKvNode constructor");
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
    // TODO: the leader starts sending Appends to every follower, and keeps doing so
  }

  @Override
  public void onMessage(String from, Object message) {
    // TODO: Put and Get from clients (the leader serves them, a follower redirects);
    // Append from the leader (a follower); AppendAck from a follower (the leader)
    throw new UnsupportedOperationException("TODO: ReplicatedKvNode.onMessage");
  }

  @Override
  public void onTimer(Object tag) {
    // TODO: the leader's interval: an Append to every follower
    throw new UnsupportedOperationException("TODO: ReplicatedKvNode.onTimer");
  }

  /**
   * The entries this replica holds, in index order (entry 1 first): a snapshot that the caller
   * may keep or change, and that does not change afterwards.
   */
  public List<LeaderFollowerProtocol.Entry> log() {
    // TODO
    throw new UnsupportedOperationException("TODO: ReplicatedKvNode.log");
  }

  /** The highest index this replica knows to be committed; 0 if none. Never decreases. */
  public long commitIndex() {
    // TODO
    throw new UnsupportedOperationException("TODO: ReplicatedKvNode.commitIndex");
  }
}
