import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One replica of a partition: a follower that copies the leader's log by fetching, or the leader
 * that tracks its followers' log ends, its in-sync replicas and the high-water mark. See brief.md
 * for the exact rules the suite checks.
 */
public class IsrReplica implements IsrPartition {
  private final String id;
  private final long lagTimeMaxMs;
  /** The log: the record at offset i is log.get(i). */
  private final List<byte[]> log = new ArrayList<>();
  private long highWaterMark;
  private boolean leader;

  // Leader state, empty on a follower.
  /** When each record arrived at this leader: arrived[i] for offset i. */
  private long[] arrived = new long[16];
  /** Each follower's log end as this leader knows it: the offset of its latest fetch. */
  private final Map<String, Long> followerEnd = new HashMap<>();
  /** The followers in the ISR (the leader itself is always in it, and not listed here). */
  private final Set<String> inSync = new HashSet<>();

  /**
   * A follower with an empty log (log end 0, high-water mark 0).
   *
   * @throws IllegalArgumentException if lagTimeMaxMs < 1
   */
  public IsrReplica(String id, long lagTimeMaxMs) {
    if (lagTimeMaxMs < 1) {
      throw new IllegalArgumentException("lagTimeMaxMs must be at least 1: " + lagTimeMaxMs);
    }
    this.id = id;
    this.lagTimeMaxMs = lagTimeMaxMs;
  }

  @Override
  public void becomeLeader(Collection<String> isr, long now) {
    leader = true;
    followerEnd.clear();
    inSync.clear();
    for (String follower : isr) {
      if (!follower.equals(id)) {
        inSync.add(follower);
        followerEnd.put(follower, 0L);
      }
    }
    // Records already held count as arriving now: the lag clock starts with this term.
    arrived = Arrays.copyOf(arrived, Math.max(16, log.size()));
    Arrays.fill(arrived, 0, log.size(), now);
    settle(now);
  }

  @Override
  public void becomeFollower() {
    leader = false;
    followerEnd.clear();
    inSync.clear();
    // Everything below the high-water mark is committed, so the new leader holds it; anything
    // above may be missing there or differ, and is fetched again.
    while (log.size() > highWaterMark) {
      log.remove(log.size() - 1);
    }
  }

  @Override
  public long append(byte[] record, long now) {
    requireLeader("append");
    int offset = log.size();
    log.add(record.clone());
    if (offset == arrived.length) {
      arrived = Arrays.copyOf(arrived, 2 * arrived.length);
    }
    arrived[offset] = now;
    settle(now);
    return offset;
  }

  @Override
  public FetchResponse onFetch(String follower, long fetchOffset, long now) {
    requireLeader("onFetch");
    if (fetchOffset < 0 || fetchOffset > log.size()) {
      throw new IllegalArgumentException("fetch offset " + fetchOffset + " outside 0 to the log"
          + " end " + log.size());
    }
    followerEnd.put(follower, fetchOffset);
    if (!inSync.contains(follower) && fetchOffset >= highWaterMark) {
      inSync.add(follower);
    }
    settle(now);
    return new FetchResponse(fetchOffset, log.subList((int) fetchOffset, log.size()),
        highWaterMark);
  }

  @Override
  public void tick(long now) {
    requireLeader("tick");
    settle(now);
  }

  @Override
  public Set<String> isr() {
    requireLeader("isr");
    Set<String> all = new HashSet<>(inSync);
    all.add(id);
    return all;
  }

  @Override
  public void onFetchResponse(FetchResponse response) {
    if (leader) {
      throw new IllegalStateException(id + " is the leader: it fetches from no one");
    }
    if (response.fetchOffset() != log.size()) {
      return; // late or duplicated: it does not continue this log
    }
    log.addAll(response.records());
    highWaterMark = Math.min(response.highWaterMark(), log.size());
  }

  @Override
  public long logEndOffset() {
    return log.size();
  }

  @Override
  public long highWaterMark() {
    return highWaterMark;
  }

  @Override
  public byte[] read(long offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset);
    }
    if (offset >= highWaterMark) {
      throw new NoSuchElementException("offset " + offset + " is not committed: the high-water"
          + " mark is " + highWaterMark);
    }
    return log.get((int) offset).clone();
  }

  /** The lag rule at {@code now}, then the high-water mark. */
  private void settle(long now) {
    long end = log.size();
    for (Iterator<String> it = inSync.iterator(); it.hasNext(); ) {
      long followerLeo = followerEnd.get(it.next());
      if (followerLeo < end && now - arrived[(int) followerLeo] > lagTimeMaxMs) {
        it.remove();
      }
    }
    long min = end;
    for (String follower : inSync) {
      min = Math.min(min, followerEnd.get(follower));
    }
    highWaterMark = Math.max(highWaterMark, min);
  }

  private void requireLeader(String call) {
    if (!leader) {
      throw new IllegalStateException(call + " on " + id + ", a follower: only the leader can");
    }
  }
}
