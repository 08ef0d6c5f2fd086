import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One replica of a replicated log guarded by epochs (generation numbers). See brief.md for the
 * exact rules.
 */
public class EpochReplica {
  private final int id;
  private final int clusterSize;
  private long epoch = 0;
  private boolean leader = false;
  private final List<String> log = new ArrayList<>();
  private final Map<Integer, Set<Integer>> acks = new HashMap<>();
  private final Set<Integer> committed = new HashSet<>();

  public EpochReplica(int id, int clusterSize) {
    if (clusterSize < 1 || id < 0 || id >= clusterSize) {
      throw new IllegalArgumentException("bad id/clusterSize: " + id + "/" + clusterSize);
    }
    this.id = id;
    this.clusterSize = clusterSize;
  }

  public long epoch() {
    return epoch;
  }

  public boolean isLeader() {
    return leader;
  }

  public void becomeLeader(long newEpoch) {
    if (newEpoch <= epoch) {
      throw new IllegalArgumentException("epoch " + newEpoch + " is not above " + epoch);
    }
    epoch = newEpoch;
    leader = true;
    acks.clear();
  }

  public int write(String value) {
    if (!leader) {
      throw new IllegalStateException("not the leader of epoch " + epoch);
    }
    log.add(value);
    int index = log.size();
    Set<Integer> s = new HashSet<>();
    s.add(id);
    acks.put(index, s);
    if (s.size() * 2 > clusterSize) {
      committed.add(index);
    }
    return index;
  }

  public EpochReply onAppend(long msgEpoch, int index, String value) {
    if (index < 1 || index > log.size() + 1) {
      throw new IllegalArgumentException("index " + index + " outside 1.." + (log.size() + 1));
    }
    if (msgEpoch < epoch) {
      return new EpochReply(false, epoch);
    }
    if (msgEpoch > epoch) {
      epoch = msgEpoch;
      leader = false;
    }
    while (log.size() >= index) {
      log.remove(log.size() - 1);
    }
    log.add(value);
    return new EpochReply(true, epoch);
  }

  public void onAppendReply(int from, int index, EpochReply reply) {
    if (reply.epoch() > epoch) {
      epoch = reply.epoch();
      leader = false;
      return;
    }
    if (!leader || !reply.ok() || reply.epoch() != epoch) {
      return;
    }
    Set<Integer> s = acks.get(index);
    if (s == null) {
      return;
    }
    s.add(from);
    if (s.size() * 2 > clusterSize) {
      committed.add(index);
    }
  }

  public boolean isCommitted(int index) {
    return committed.contains(index);
  }

  public List<String> log() {
    return new ArrayList<>(log);
  }
}
