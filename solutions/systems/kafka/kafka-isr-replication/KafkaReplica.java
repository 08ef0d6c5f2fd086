import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One replica of a Kafka partition: a follower that fetches from the leader and truncates where
 * its log diverged (by leader epoch), or the leader that keeps the ISR by the lag rule, moves the
 * high-water mark, answers produce requests by their acks and serves consumers below the mark.
 * See brief.md for the exact rules.
 */
public class KafkaReplica implements Node {
  private static final String TICK = "tick";
  private static final int MAX_RECORDS = 200;

  private final List<String> replicas;
  private final long lagTimeMaxMs;
  private final int minInsyncReplicas;
  private final long fetchIntervalMs;
  private Context ctx;

  private final List<KafkaIsrProtocol.Rec> log = new ArrayList<>();
  private long highWaterMark;
  private int epoch = -1;
  private String leader;
  private long lastFetchSentMs;

  // Leader state: each follower's fetch state, the ISR (this replica included), waiting acks.
  private final Map<String, FollowerState> followers = new HashMap<>();
  private final TreeSet<String> isr = new TreeSet<>();
  private final List<long[]> pendingOffsets = new ArrayList<>();
  private final List<String> pendingProducers = new ArrayList<>();

  private static final class FollowerState {
    long logEndOffset;
    long lastCaughtUpMs;
    long lastFetchLeaderLogEndOffset;
    long lastFetchMs;
  }

  /**
   * @throws IllegalArgumentException if replicas is empty, lagTimeMaxMs < 1, minInsyncReplicas <
   *     1 or fetchIntervalMs < 1
   */
  public KafkaReplica(List<String> replicas, long lagTimeMaxMs, int minInsyncReplicas,
      long fetchIntervalMs) {
    if (replicas.isEmpty() || lagTimeMaxMs < 1 || minInsyncReplicas < 1
        || fetchIntervalMs < 1) {
      throw new IllegalArgumentException("bad settings: " + replicas + ", " + lagTimeMaxMs
          + ", " + minInsyncReplicas + ", " + fetchIntervalMs);
    }
    this.replicas = List.copyOf(replicas);
    this.lagTimeMaxMs = lagTimeMaxMs;
    this.minInsyncReplicas = minInsyncReplicas;
    this.fetchIntervalMs = fetchIntervalMs;
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
    ctx.setTimer(fetchIntervalMs, TICK);
  }

  @Override
  public void onTimer(Object tag) {
    ctx.setTimer(fetchIntervalMs, TICK);
    if (isLeader()) {
      shrinkIsr();
      advanceHighWaterMark();
    } else if (leader != null && ctx.now() - lastFetchSentMs >= 3 * fetchIntervalMs) {
      fetch(); // the last Fetch or its answer was lost, or the leader ignored it
    }
  }

  private void fetch() {
    lastFetchSentMs = ctx.now();
    ctx.send(leader, new KafkaIsrProtocol.Fetch(epoch, log.size(), lastEpoch()));
  }

  @Override
  public void onMessage(String from, Object message) {
    if (message instanceof KafkaIsrProtocol.LeaderAndIsr m) {
      onLeaderAndIsr(m);
    } else if (message instanceof KafkaIsrProtocol.Produce m) {
      onProduce(from, m);
    } else if (message instanceof KafkaIsrProtocol.Read m) {
      onRead(from, m);
    } else if (message instanceof KafkaIsrProtocol.Fetch m) {
      onFetch(from, m);
    } else if (message instanceof KafkaIsrProtocol.FetchResponse m) {
      onFetchResponse(from, m);
    }
  }

  // ---- roles ----------------------------------------------------------------------------------

  private void onLeaderAndIsr(KafkaIsrProtocol.LeaderAndIsr m) {
    if (m.epoch() <= epoch) {
      return;
    }
    epoch = m.epoch();
    leader = m.leader();
    followers.clear();
    isr.clear();
    pendingOffsets.clear();
    pendingProducers.clear();
    if (isLeader()) {
      long now = ctx.now();
      isr.add(ctx.id());
      for (String r : replicas) {
        if (!r.equals(ctx.id())) {
          FollowerState s = new FollowerState();
          s.lastFetchLeaderLogEndOffset = log.size();
          s.lastFetchMs = now;
          followers.put(r, s);
          if (m.isr().contains(r)) {
            isr.add(r);
            s.lastCaughtUpMs = now;
          }
        }
      }
      advanceHighWaterMark();
    } else {
      fetch();
    }
  }

  private boolean isLeader() {
    return ctx != null && ctx.id().equals(leader);
  }

  // ---- the leader -----------------------------------------------------------------------------

  private void onProduce(String from, KafkaIsrProtocol.Produce m) {
    if (!isLeader()) {
      ctx.send(from, new KafkaIsrProtocol.ProduceResponse(m.requestId(), -1,
          KafkaIsrProtocol.Errors.NOT_LEADER));
      return;
    }
    boolean all = m.acks() == KafkaIsrProtocol.ACKS_ALL;
    if (all && isr.size() < minInsyncReplicas) {
      ctx.send(from, new KafkaIsrProtocol.ProduceResponse(m.requestId(), -1,
          KafkaIsrProtocol.Errors.NOT_ENOUGH_REPLICAS));
      return;
    }
    long offset = log.size();
    log.add(new KafkaIsrProtocol.Rec(epoch, m.value()));
    if (all) {
      pendingOffsets.add(new long[] {offset, m.requestId()});
      pendingProducers.add(from);
    } else {
      ctx.send(from, new KafkaIsrProtocol.ProduceResponse(m.requestId(), offset,
          KafkaIsrProtocol.Errors.NONE));
    }
    advanceHighWaterMark();
  }

  private void onRead(String from, KafkaIsrProtocol.Read m) {
    if (!isLeader()) {
      ctx.send(from, new KafkaIsrProtocol.ReadResponse(m.requestId(), m.offset(), List.of(), -1,
          KafkaIsrProtocol.Errors.NOT_LEADER));
      return;
    }
    List<String> values = new ArrayList<>();
    for (long o = Math.max(0, m.offset()); o < highWaterMark && values.size() < MAX_RECORDS;
        o++) {
      values.add(log.get((int) o).value());
    }
    if (m.offset() < 0) {
      values.clear();
    }
    ctx.send(from, new KafkaIsrProtocol.ReadResponse(m.requestId(), m.offset(), values,
        highWaterMark, KafkaIsrProtocol.Errors.NONE));
  }

  private void onFetch(String from, KafkaIsrProtocol.Fetch m) {
    FollowerState s = followers.get(from);
    if (!isLeader() || m.epoch() != epoch || s == null) {
      return;
    }
    long offset = m.fetchOffset();
    if (offset > 0) {
      int e = Math.min(m.lastFetchedEpoch(), epoch);
      int found = -1;
      for (KafkaIsrProtocol.Rec r : log) {
        if (r.epoch() <= e) {
          found = Math.max(found, r.epoch());
        }
      }
      if (e == epoch) {
        found = epoch;
      }
      long end = endOffsetFor(found);
      if (found < m.lastFetchedEpoch() || end < offset) {
        ctx.send(from, new KafkaIsrProtocol.FetchResponse(epoch, offset, m.lastFetchedEpoch(),
            List.of(), highWaterMark, found, end));
        return;
      }
    }
    if (offset > log.size()) {
      return;
    }
    long now = ctx.now();
    if (offset >= log.size()) {
      s.lastCaughtUpMs = Math.max(s.lastCaughtUpMs, now);
    } else if (offset >= s.lastFetchLeaderLogEndOffset) {
      s.lastCaughtUpMs = Math.max(s.lastCaughtUpMs, s.lastFetchMs);
    }
    s.lastFetchLeaderLogEndOffset = log.size();
    s.lastFetchMs = now;
    s.logEndOffset = offset;
    if (!isr.contains(from) && offset >= highWaterMark) {
      isr.add(from);
    }
    advanceHighWaterMark();
    int to = (int) Math.min(log.size(), offset + MAX_RECORDS);
    ctx.send(from, new KafkaIsrProtocol.FetchResponse(epoch, offset, m.lastFetchedEpoch(),
        log.subList((int) offset, to), highWaterMark, -1, -1));
  }

  /** The first offset of this log whose record's epoch is greater than e, or the log end. */
  private long endOffsetFor(int e) {
    for (int i = 0; i < log.size(); i++) {
      if (log.get(i).epoch() > e) {
        return i;
      }
    }
    return log.size();
  }

  private void shrinkIsr() {
    long now = ctx.now();
    Iterator<String> it = isr.iterator();
    while (it.hasNext()) {
      String r = it.next();
      FollowerState s = followers.get(r);
      if (s != null && s.logEndOffset != log.size() && now - s.lastCaughtUpMs > lagTimeMaxMs) {
        it.remove();
      }
    }
  }

  private void advanceHighWaterMark() {
    long min = log.size();
    for (String r : isr) {
      FollowerState s = followers.get(r);
      if (s != null) {
        min = Math.min(min, s.logEndOffset);
      }
    }
    highWaterMark = Math.max(highWaterMark, min);
    for (int i = 0; i < pendingOffsets.size(); ) {
      long[] p = pendingOffsets.get(i);
      if (p[0] < highWaterMark) {
        KafkaIsrProtocol.Errors error = isr.size() >= minInsyncReplicas
            ? KafkaIsrProtocol.Errors.NONE
            : KafkaIsrProtocol.Errors.NOT_ENOUGH_REPLICAS_AFTER_APPEND;
        ctx.send(pendingProducers.get(i),
            new KafkaIsrProtocol.ProduceResponse(p[1], p[0], error));
        pendingOffsets.remove(i);
        pendingProducers.remove(i);
      } else {
        i++;
      }
    }
  }

  // ---- a follower -----------------------------------------------------------------------------

  private void onFetchResponse(String from, KafkaIsrProtocol.FetchResponse m) {
    // Only the answer to a fetch this log could send now: a late or duplicated one, even one
    // whose offset matches again after a truncation, carries another last epoch.
    if (isLeader() || !from.equals(leader) || m.epoch() != epoch
        || m.fetchOffset() != log.size() || m.lastFetchedEpoch() != lastEpoch()) {
      return;
    }
    if (m.divergingEndOffset() >= 0) {
      long own = endOffsetFor(m.divergingEpoch());
      long to = Math.min(m.divergingEndOffset(), own);
      while (log.size() > to) {
        log.remove(log.size() - 1);
      }
      highWaterMark = Math.min(highWaterMark, log.size());
      fetch();
      return;
    }
    log.addAll(m.records());
    highWaterMark = Math.min(m.highWaterMark(), log.size());
    fetch();
  }

  private int lastEpoch() {
    return log.isEmpty() ? -1 : log.get(log.size() - 1).epoch();
  }

  // ---- what the suite and the controller read -------------------------------------------------

  /** The leader epoch this replica knows (-1 before the first LeaderAndIsr). */
  public int leaderEpoch() {
    return epoch;
  }

  /** The leader this replica knows, or null. */
  public String leader() {
    return leader;
  }

  /** A copy of the log. */
  public List<KafkaIsrProtocol.Rec> log() {
    return List.copyOf(log);
  }

  /** The high-water mark: the leader's, or this follower's copy of it. */
  public long highWaterMark() {
    return highWaterMark;
  }

  /** The ISR as this replica keeps it as leader (itself included); empty on a follower. */
  public Set<String> isr() {
    return isLeader() ? Set.copyOf(isr) : Set.of();
  }
}
