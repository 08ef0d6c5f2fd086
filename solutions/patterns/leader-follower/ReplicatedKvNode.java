import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One replica of a key-value store replicated by a single, fixed leader. The leader puts every
 * client write in its log, replicates the log to the followers, commits an entry once a majority
 * of the replicas hold it, applies committed entries to its store and only then answers the
 * client. Followers copy the leader's log in its order, apply what the leader committed, and
 * redirect clients to the leader.
 */
public final class ReplicatedKvNode implements Node {
  /** The tag of the leader's interval timer. */
  private static final String TICK = "append-interval";

  /** A client waiting for its Put to commit. */
  private record Waiting(String client, long requestId) {}

  private final List<String> replicas;
  private final String leader;
  private final long intervalMillis;
  private final KvStateMachine store;
  private final List<LeaderFollowerProtocol.Entry> log = new ArrayList<>();
  private long commitIndex;
  private long applied;
  private Context ctx;
  private boolean leading;
  private List<String> followers = List.of();
  /** Leader only: per follower, the first index its next Append carries. */
  private final Map<String, Long> nextIndex = new HashMap<>();
  /** Leader only: per follower, the highest log end it has acknowledged. */
  private final Map<String, Long> matchIndex = new HashMap<>();
  /** Leader only: the Put of each uncommitted entry, by index. */
  private final Map<Long, Waiting> waiting = new HashMap<>();

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
    if (replicas == null || replicas.isEmpty()) {
      throw new IllegalArgumentException("no replicas");
    }
    if (!replicas.contains(leader)) {
      throw new IllegalArgumentException("the leader " + leader + " is not one of " + replicas);
    }
    if (intervalMillis < 1) {
      throw new IllegalArgumentException("intervalMillis < 1: " + intervalMillis);
    }
    this.replicas = List.copyOf(replicas);
    this.leader = leader;
    this.intervalMillis = intervalMillis;
    this.store = store;
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
    leading = ctx.id().equals(leader);
    if (leading) {
      List<String> others = new ArrayList<>(replicas);
      others.remove(ctx.id());
      followers = List.copyOf(others);
      for (String f : followers) {
        nextIndex.put(f, 1L);
        matchIndex.put(f, 0L);
      }
      appendToAll();
      ctx.setTimer(intervalMillis, TICK);
    }
  }

  @Override
  public void onMessage(String from, Object message) {
    if (message instanceof LeaderFollowerProtocol.Put p) {
      if (!leading) {
        ctx.send(from, new LeaderFollowerProtocol.Redirect(p.requestId(), leader));
        return;
      }
      long index = log.size() + 1;
      log.add(new LeaderFollowerProtocol.Entry(index, p.key(), p.value()));
      waiting.put(index, new Waiting(from, p.requestId()));
      advanceCommit(); // the leader alone is a majority when N = 1
      appendToAll();
    } else if (message instanceof LeaderFollowerProtocol.Get g) {
      if (!leading) {
        ctx.send(from, new LeaderFollowerProtocol.Redirect(g.requestId(), leader));
        return;
      }
      ctx.send(from, new LeaderFollowerProtocol.GetOk(g.requestId(), store.get(g.key())));
    } else if (message instanceof LeaderFollowerProtocol.Append a && !leading) {
      follow(from, a);
    } else if (message instanceof LeaderFollowerProtocol.AppendAck ack && leading
        && matchIndex.containsKey(from)) {
      long end = Math.min(ack.logEnd(), log.size());
      matchIndex.put(from, Math.max(matchIndex.get(from), end));
      nextIndex.put(from, end + 1);
      advanceCommit();
    }
  }

  /** A follower takes the entries it does not hold yet, if they continue its log. */
  private void follow(String from, LeaderFollowerProtocol.Append a) {
    if (a.prevIndex() <= log.size()) {
      for (LeaderFollowerProtocol.Entry e : a.entries()) {
        if (e.index() == log.size() + 1) {
          log.add(e);
        }
      }
      commitTo(Math.min(a.commitIndex(), log.size()));
    }
    ctx.send(from, new LeaderFollowerProtocol.AppendAck(log.size()));
  }

  /** The leader: the highest index a majority holds, counting itself and matchIndex. */
  private void advanceCommit() {
    int majority = replicas.size() / 2 + 1;
    long[] held = new long[replicas.size()];
    held[0] = log.size();
    int i = 1;
    for (long m : matchIndex.values()) {
      held[i++] = m;
    }
    Arrays.sort(held);
    // Sorted ascending: the majority-th largest is held by at least a majority.
    commitTo(held[held.length - majority]);
  }

  /** Raises the commit index (never lowers it) and applies what became committed. */
  private void commitTo(long index) {
    if (index <= commitIndex) {
      return;
    }
    commitIndex = index;
    while (applied < commitIndex) {
      LeaderFollowerProtocol.Entry e = log.get((int) applied);
      store.apply(e);
      applied++;
      Waiting w = waiting.remove(e.index());
      if (w != null) {
        ctx.send(w.client(), new LeaderFollowerProtocol.PutOk(w.requestId()));
      }
    }
  }

  @Override
  public void onTimer(Object tag) {
    if (leading && TICK.equals(tag)) {
      appendToAll();
      ctx.setTimer(intervalMillis, TICK);
    }
  }

  /** The leader sends each follower everything after what it is believed to hold. */
  private void appendToAll() {
    for (String f : followers) {
      long prev = nextIndex.get(f) - 1;
      List<LeaderFollowerProtocol.Entry> entries =
          List.copyOf(log.subList((int) prev, log.size()));
      ctx.send(f, new LeaderFollowerProtocol.Append(prev, entries, commitIndex));
    }
  }

  /**
   * The entries this replica holds, in index order (entry 1 first): a snapshot that the caller
   * may keep or change, and that does not change afterwards.
   */
  public List<LeaderFollowerProtocol.Entry> log() {
    return List.copyOf(log);
  }

  /** The highest index this replica knows to be committed; 0 if none. Never decreases. */
  public long commitIndex() {
    return commitIndex;
  }
}
