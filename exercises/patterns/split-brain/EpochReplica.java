import java.util.List;

/**
 * One replica of a replicated log guarded by epochs (generation numbers). See brief.md for the
 * exact rules.
 */
public class EpochReplica {

  public EpochReplica(int id, int clusterSize) {
    // TODO: keep id and clusterSize; refuse bad ones (brief.md)
  }

  /** The highest epoch this replica has seen (0 at the start). */
  public long epoch() {
    return 0; // TODO
  }

  /** Whether this replica currently accepts client writes. */
  public boolean isLeader() {
    return false; // TODO
  }

  /** The election oracle makes this replica leader of newEpoch. */
  public void becomeLeader(long newEpoch) {
    // TODO
  }

  /** A client write: appended to the leader's log; returns its 1-based index. */
  public int write(String value) {
    return 0; // TODO
  }

  /** An append from a leader of msgEpoch, putting value at index. */
  public EpochReply onAppend(long msgEpoch, int index, String value) {
    return new EpochReply(true, msgEpoch); // TODO
  }

  /** The reply of replica from to this leader's append of index. */
  public void onAppendReply(int from, int index, EpochReply reply) {
    // TODO
  }

  /** Whether the write at index was committed (acknowledged to its client) by this leader. */
  public boolean isCommitted(int index) {
    return false; // TODO
  }

  /** A copy of this replica's log, index 1 first. */
  public List<String> log() {
    return List.of(); // TODO
  }
}
