import dstutor.kit.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A gossip member: every round it bumps its own heartbeat counter and swaps everything it knows
 * with one member picked at random (push-pull). Each member's state is versioned by its owner, so
 * merging two views keeps, entry by entry, the newer one. A member whose heartbeat has not gone
 * up for failAfterMillis is considered down.
 */
public final class GossipNode implements GossipMember {
  /** A value and the version its owner gave it. */
  record Entry(String value, long version) {}

  /** What is known of one member: its heartbeat counter and its entries. Immutable. */
  record MemberState(long heartbeat, Map<String, Entry> entries) {}

  /** The first half of a round: here is everything I know. */
  record Push(Map<String, MemberState> state) {}

  /** The second half: and here is everything I know, now that I merged yours. */
  record Pull(Map<String, MemberState> state) {}

  private static final String ROUND = "round";

  private final List<String> seeds;
  private final long roundMillis;
  private final long failAfterMillis;
  private final Map<String, MemberState> known = new HashMap<>();
  /** When (on this node's clock) each member's heartbeat was last seen to go up. */
  private final Map<String, Long> lastIncrease = new HashMap<>();
  /** The other members, sorted: a random pick must not depend on hash order. */
  private final List<String> others = new ArrayList<>();
  private Context ctx;
  private String self;
  private long version;

  /**
   * @param seeds members to contact first (may include this node)
   * @param roundMillis how often to gossip, on this node's clock
   * @param failAfterMillis how long a member's heartbeat may stay still before it is down
   * @throws IllegalArgumentException if roundMillis < 1 or failAfterMillis <= roundMillis
   */
  public GossipNode(List<String> seeds, long roundMillis, long failAfterMillis) {
    if (roundMillis < 1 || failAfterMillis <= roundMillis) {
      throw new IllegalArgumentException("need roundMillis >= 1 and failAfterMillis > "
          + "roundMillis: " + roundMillis + ", " + failAfterMillis);
    }
    this.seeds = List.copyOf(seeds);
    this.roundMillis = roundMillis;
    this.failAfterMillis = failAfterMillis;
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
    this.self = ctx.id();
    known.put(self, new MemberState(0, Map.of()));
    for (String s : seeds) {
      learn(s);
    }
    ctx.setTimer(roundMillis, ROUND);
  }

  private void learn(String member) {
    if (member.equals(self) || lastIncrease.containsKey(member)) {
      return;
    }
    lastIncrease.put(member, ctx.now());
    int at = Collections.binarySearch(others, member);
    others.add(-at - 1, member);
  }

  @Override
  public void onTimer(Object tag) {
    MemberState mine = known.get(self);
    known.put(self, new MemberState(mine.heartbeat() + 1, mine.entries()));
    if (!others.isEmpty()) {
      String peer = others.get(ctx.random().nextInt(others.size()));
      ctx.send(peer, new Push(Map.copyOf(known)));
    }
    ctx.setTimer(roundMillis, ROUND);
  }

  @Override
  public void onMessage(String from, Object message) {
    learn(from);
    lastIncrease.put(from, ctx.now()); // alive: it just talked to us
    if (message instanceof Push p) {
      merge(p.state());
      ctx.send(from, new Pull(Map.copyOf(known)));
    } else if (message instanceof Pull p) {
      merge(p.state());
    }
  }

  private void merge(Map<String, MemberState> theirs) {
    long now = ctx.now();
    for (Map.Entry<String, MemberState> e : theirs.entrySet()) {
      String member = e.getKey();
      if (member.equals(self)) {
        continue; // nobody knows more about this node than this node
      }
      learn(member);
      MemberState mine = known.get(member);
      MemberState other = e.getValue();
      if (mine == null) {
        lastIncrease.put(member, now);
      }
      MemberState merged = mine == null ? other : newer(mine, other);
      if (merged != mine) {
        known.put(member, merged);
      }
    }
  }

  /** Entry by entry, the higher version wins; so does the higher heartbeat. */
  private static MemberState newer(MemberState a, MemberState b) {
    Map<String, Entry> entries = a.entries();
    if (b.entries() != a.entries()) {
      Map<String, Entry> merged = new HashMap<>(a.entries());
      for (Map.Entry<String, Entry> e : b.entries().entrySet()) {
        Entry have = merged.get(e.getKey());
        if (have == null || e.getValue().version() > have.version()) {
          merged.put(e.getKey(), e.getValue());
        }
      }
      entries = merged.equals(a.entries()) ? a.entries()
          : merged.equals(b.entries()) ? b.entries() : Map.copyOf(merged);
    }
    long heartbeat = Math.max(a.heartbeat(), b.heartbeat());
    if (heartbeat == a.heartbeat() && entries == a.entries()) {
      return a;
    }
    if (heartbeat == b.heartbeat() && entries == b.entries()) {
      return b;
    }
    return new MemberState(heartbeat, entries);
  }

  @Override
  public void put(String key, String value) {
    MemberState mine = known.get(self);
    Map<String, Entry> entries = new HashMap<>(mine.entries());
    entries.put(key, new Entry(value, ++version));
    known.put(self, new MemberState(mine.heartbeat(), Map.copyOf(entries)));
  }

  @Override
  public String get(String member, String key) {
    MemberState s = known.get(member);
    Entry e = s == null ? null : s.entries().get(key);
    return e == null ? null : e.value();
  }

  @Override
  public Set<String> members() {
    Set<String> all = new TreeSet<>(others);
    all.add(self);
    return all;
  }

  @Override
  public Set<String> down() {
    long now = ctx.now();
    Set<String> out = new TreeSet<>();
    for (String m : others) {
      if (now - lastIncrease.get(m) > failAfterMillis) {
        out.add(m);
      }
    }
    return out;
  }
}
