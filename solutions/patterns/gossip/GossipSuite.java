import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import dstutor.kit.Context;
import dstutor.sim.Delay;
import dstutor.sim.Determinism;
import dstutor.sim.Fault;
import dstutor.sim.ForwardingContext;
import dstutor.sim.Outcome;
import dstutor.sim.RunPlan;
import dstutor.sim.Scenario;
import dstutor.sim.Shrinker;
import dstutor.sim.SimConfig;
import dstutor.sim.Simulation;
import dstutor.sim.SimulationException;
import dstutor.sim.Timeline;
import dstutor.sim.TraceEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for the gossip exercise. Nodes n1..nN gossip every 50 ms (a round), each starting
 * at a random moment of the first round; messages take 1 to 10 ms.
 *
 * <p>Every learner node runs inside a {@link Watched} wrapper that sees each call and each send,
 * without changing a message. It checks the protocol as the brief states it (one push per round
 * to a member other than itself, exactly one answer to each push, no answer to an answer) and
 * keeps the suite's own model of what news can have reached whom: for every pair (x, y), when the
 * freshest news of y that reached x by any chain of messages left y. With that model, failure
 * detection is judged exactly, by the brief's definition, not by how lucky gossip was: x must not
 * list y as down while news of y's rising heartbeat reached x within failAfter, and must list it
 * once no news of y at all reached x for longer than failAfter. Neither check can fail correct
 * code, whatever its random stream.
 *
 * <p>What remains statistical is speed (properties 2 to 5) and the uniform pick (8). Their bounds
 * were calibrated on correct nodes with many independent random streams; see the comment on
 * {@link #SPREAD_BOUND}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class GossipSuite {

  static final long ROUND = 50;
  static final SimConfig NET = SimConfig.reliable().withDelay(Delay.uniform(1, 10));
  /** failAfter where a property is not about failure detection: nobody may look down. */
  static final long NEVER = 1_000 * ROUND;

  /*
   * The bounds of the properties that depend on luck, and how they were chosen. Correct nodes
   * with independent random streams ran the suite's own scenarios (measureSpread, fastSpread,
   * newest) on seeds 1..100, and each run recorded how long it took: the reference with 500 to
   * 2,000 streams (its partner picks drawn from a SplittableRandom seeded from ctx.random() and a
   * salt; k extra draws of ctx.random() are no good for this, they only shift one stream by k
   * rounds), and two other correct nodes with 300 streams each (right/independent-implementation,
   * right/hashset-peers-gossip-at-start): 50,000 to 200,000 runs per scenario and node. For each
   * bound, P(a run exceeds it) was read off the tail of the measured distribution, extrapolated
   * past the largest value seen by a least-squares fit of log P(X > x) over the tail (P <= 1%),
   * and checked against the slowest decay per round seen in that tail; times the runs per
   * submit. Largest false-fail odds per submit, over the three nodes:
   *   property 2 (N = 32, 10 + 10 rounds; largest seen 8 and 6.4):    5e-9
   *   property 3 (N = 64, 9 rounds on 95 of 100 seeds, 18 on all; largest seen 7):  below 1e-20
   *   property 4 (N = 16, 10% lost, 16 + 16 rounds; largest seen 12 and 8.8):    4e-9
   *      (with 12 rounds, 3 log2 N as this property once said, it was 2e-5 for the independent
   *      node: too close to the budget)
   *   property 5 (settled by round 22; latest seen at round 17.4):    1e-7
   *   property 8 (uniform picks): each of 60 counts fails below 2e-9 (exact binomial tails):
   *      1.2e-7
   * In all below 3e-7 per submit: a correct node fails the suite less than once in 3 million
   * submits. Properties 1, 6, 7, 9 and 10 are exact and never fail correct code. Before these
   * changes, 27 of 50 copies of the reference that differ in their random stream failed.
   */
  static final int SPREAD_N = 32;
  static final int SPREAD_BOUND = 2 * log2(SPREAD_N);
  static final int LOSS_N = 16;
  static final int LOSS_BOUND = 4 * log2(LOSS_N);
  static final int FAST_N = 64;
  static final int FAST = 3 * log2(FAST_N) / 2;
  static final int CAP = 3 * log2(FAST_N);
  static final int SLOW_ALLOWED = 5;
  /** When every view must hold the newest values. */
  static final long SETTLE_BY = 22 * ROUND;
  /** A push count further than this from a uniform pick's (two-sided binomial tail) fails. */
  static final double UNIFORM_ODDS = 1e-9;

  static final String PUSH_PULL = "push-pull-rounds";
  static final String VERSIONS = "versioned-state-and-merging";
  static final String DETECT = "detecting-failed-members";
  static final String SPEED = "how-fast-gossip-spreads";

  /**
   * The first thing found wrong in a run: a fixed reason (its hint is {@link #hintFor}), the node
   * whose timeline shows it, and the text.
   */
  record Problem(String reason, String node, String text) {}

  /**
   * One message as sent, in the model: who sent it to whom, whether it was a push (sent in a
   * round) or an answer, and what its sender can have known when it sent it.
   */
  record Sent(int from, int to, boolean push, long[] fresh, boolean[] knows) {}

  /** How each member is built: its seeds, and whether the caller reuses the list afterwards. */
  record Seeding(List<String> seeds, boolean reused) {}

  // ---------------------------------------------------------------------------------------------
  // One run: the cluster, the wrappers, the model and the checks.

  /** One simulated cluster of learner nodes, the suite's model of it, and what went wrong. */
  static final class World {
    final Simulation sim;
    final int n;
    final List<String> ids = new ArrayList<>();
    final Map<String, Integer> index = new HashMap<>();
    final long failAfter;
    /** The cluster in words, for messages: "16 members that started knowing n1, n2 and n3". */
    final String setting;
    final Watched[] nodes;
    final Seeding[] seeding;
    /**
     * fresh[x][y]: when the freshest news of y that reached x left y, as a {@link #stamp()};
     * -1: none yet.
     */
    final long[][] fresh;
    /** When fresh[x][y] last changed: the last time any news of y reached x. */
    final long[][] freshAt;
    /** The earliest time x can have heard of y: from its seeds, or from a message. */
    final long[][] heard;
    /** The first probe at which x.members() listed y: x had heard of y by then. */
    final long[][] listed;
    /** What each node's members() said at the last probe. */
    final List<Set<String>> view = new ArrayList<>();
    /** fresh as it was at each probe, for "failAfter ago". */
    final Map<Long, long[][]> past = new HashMap<>();
    final IdentityHashMap<Object, List<Sent>> sent = new IdentityHashMap<>();
    /** Whether down() is judged at the probes (scenarios about failure detection). */
    boolean detection;
    /** Whether "a member gossips every round" is judged (scenarios without crashes). */
    boolean everyRound = true;
    /** Whether each node's members() is checked right after start() (its seeds kept). */
    boolean checkStart = true;
    /** After every call into a node, note when its members() first lists each member. */
    boolean exactListing;
    /** Called after each send, with the sender and the receiver (scenario hooks). */
    SendHook onSend;
    Problem problem;

    interface SendHook {
      void sent(int from, int to);
    }

    World(RunPlan plan, SimConfig net, int n, long failAfter, String setting) {
      this.sim = new Simulation(plan, net);
      this.n = n;
      this.failAfter = failAfter;
      this.setting = setting;
      this.nodes = new Watched[n];
      this.seeding = new Seeding[n];
      for (int i = 0; i < n; i++) {
        view.add(Set.of());
        ids.add("n" + (i + 1));
        index.put(ids.get(i), i);
      }
      fresh = new long[n][n];
      freshAt = new long[n][n];
      heard = new long[n][n];
      listed = new long[n][n];
      for (int i = 0; i < n; i++) {
        Arrays.fill(fresh[i], -1);
        Arrays.fill(freshAt[i], -1);
        Arrays.fill(heard[i], Long.MAX_VALUE);
        Arrays.fill(listed[i], Long.MAX_VALUE);
      }
    }

    /** Adds member {@code i}, booting at {@code startAt}, with these seeds. */
    void add(int i, Seeding s, long startAt) {
      seeding[i] = s;
      sim.addNode(ids.get(i), () -> boot(i), startAt);
    }

    /** Adds every member, each starting at a random moment of the first round. */
    void addAll(SplittableRandom rng, java.util.function.IntFunction<Seeding> seeds) {
      for (int i = 0; i < n; i++) {
        add(i, seeds.apply(i), rng.nextInt((int) ROUND));
      }
    }

    private Watched boot(int i) {
      Seeding s = seeding[i];
      // Half the members get an unmodifiable list, half a list the caller clears after the
      // constructor returned: a node must copy its seeds, not keep the caller's list.
      List<String> arg = s.reused ? new ArrayList<>(s.seeds) : List.copyOf(s.seeds);
      GossipNode node = new GossipNode(arg, ROUND, failAfter);
      if (s.reused) {
        arg.clear();
      }
      Watched w = new Watched(this, i, node);
      nodes[i] = w;
      return w;
    }

    GossipMember member(String id) {
      return (GossipMember) sim.node(id);
    }

    boolean up(int i) {
      return sim.isUp(ids.get(i));
    }

    void fail(String reason, String node, String text) {
      if (problem == null) {
        problem = new Problem(reason, node, text);
        sim.flag(node, text);
        sim.stop();
      }
    }

    /**
     * Calls into node {@code node}; an exception it throws is a problem named after the call
     * ({@code call}, built only then).
     */
    <T> T ask(String node, Supplier<String> what, Supplier<T> f, T otherwise) {
      try {
        return f.get();
      } catch (RuntimeException e) {
        String call = what.get();
        String method = call.substring(0, call.indexOf('('));
        fail("threw in " + method + ": " + e.getClass().getName(), node, node + "." + call
            + " threw " + e + " at " + sim.now() + " ms, in a cluster of " + setting + "."
            + where(e));
        return otherwise;
      }
    }

    Set<String> members(int x) {
      String id = ids.get(x);
      Set<String> m = ask(id, () -> "members()", () -> nodes[x].inner.members(), null);
      if (m == null) {
        if (problem == null) {
          fail("members() null", id, id + ".members() returned null at " + sim.now()
              + " ms; it must return every member the node knows of, itself included.");
        }
        return Set.of(id);
      }
      return m;
    }

    Set<String> down(int x) {
      String id = ids.get(x);
      Set<String> d = ask(id, () -> "down()", () -> nodes[x].inner.down(), null);
      if (d == null) {
        if (problem == null) {
          fail("down() null", id, id + ".down() returned null at " + sim.now()
              + " ms; it must return a set (empty when nobody looks down).");
        }
        return Set.of();
      }
      return d;
    }

    String get(int x, String owner, String key) {
      try {
        return nodes[x].inner.get(owner, key); // the suite's most frequent call: no lambdas
      } catch (RuntimeException e) {
        return ask(ids.get(x), () -> "get(\"" + owner + "\", \"" + key + "\")", () -> {
          throw e;
        }, null);
      }
    }

    void put(int x, String key, String value) {
      String id = ids.get(x);
      ask(id, () -> "put(\"" + key + "\", \"" + value + "\")", () -> {
        nodes[x].inner.put(key, value);
        return null;
      }, null);
    }

    // -- the model ---------------------------------------------------------------------------

    /** Records what a message sent now by {@code from} can carry. */
    void recordSend(int from, int to, boolean push, Object message) {
      if (!detection) { // only what kind of message it is
        sent.computeIfAbsent(message, m -> new ArrayList<>(2)).add(new Sent(from, to, push, null,
            null));
        return;
      }
      long[] f = fresh[from].clone();
      f[from] = stamp();
      boolean[] k = new boolean[n];
      for (int y = 0; y < n; y++) {
        k[y] = heard[from][y] != Long.MAX_VALUE;
      }
      sent.computeIfAbsent(message, m -> new ArrayList<>(2)).add(new Sent(from, to, push, f, k));
    }

    /**
     * Merges what message {@code m} from {@code from} can carry into {@code to}'s model; returns
     * 1 if it can only be a push, 2 if only an answer, 3 if either (the same object was sent as
     * both), 0 if the suite never saw it sent.
     */
    int recordDelivery(int from, int to, Object m) {
      List<Sent> all = sent.get(m);
      if (all == null) {
        return 0;
      }
      int kinds = 0;
      Sent first = null;
      for (Sent s : all) {
        if (s.from == from && s.to == to) {
          kinds |= s.push ? 1 : 2;
          if (first == null) {
            first = s; // the object cannot carry more than when it was first sent
          }
        }
      }
      if (first == null || first.fresh == null) {
        return kinds;
      }
      long now = sim.now();
      for (int y = 0; y < n; y++) {
        if (y == to) {
          continue;
        }
        if (first.fresh[y] > fresh[to][y]) {
          fresh[to][y] = first.fresh[y];
          freshAt[to][y] = now;
        }
        if (first.knows[y] && heard[to][y] == Long.MAX_VALUE) {
          heard[to][y] = now;
        }
      }
      return kinds;
    }

    private long stampMs = -1;
    private long stampSeq;

    /**
     * When a message leaves, as now * 2^16 + its rank among the sends of this millisecond: two
     * messages a node sends in the same millisecond may carry different states (a push before
     * the heartbeat goes up, an answer after), and the later one is fresher news.
     */
    long stamp() {
      long now = sim.now();
      if (now != stampMs) {
        stampMs = now;
        stampSeq = 0;
      }
      return (now << 16) + Math.min(stampSeq++, 0xFFFF);
    }

    /** The time of a {@link #stamp()}. */
    static long ms(long stamp) {
      return stamp < 0 ? -1 : stamp >> 16;
    }

    /** Notes, right after a call into node x, when its members() first lists each member. */
    void noteListing(int x) {
      if (!exactListing || problem != null) {
        return;
      }
      for (String y : members(x)) {
        Integer j = index.get(y);
        if (j != null && listed[x][j] == Long.MAX_VALUE) {
          listed[x][j] = sim.now();
          if (onListed != null) {
            onListed.listed(x, j);
          }
        }
      }
    }

    ListedHook onListed;

    interface ListedHook {
      void listed(int x, int y);
    }

    // -- probes ------------------------------------------------------------------------------

    /**
     * Runs {@code extra} every {@code step} ms from {@code from} to the horizon, after checking
     * every live node at every {@code checkEvery}-th of these moments (0: never; the extra may
     * call {@link #probe()} itself).
     */
    void probeEvery(long from, long step, int checkEvery, Runnable extra) {
      int i = 0;
      for (long t = from; t <= sim.plan().horizon(); t += step) {
        boolean check = checkEvery > 0 && i++ % checkEvery == 0;
        sim.at(t, () -> {
          if (check) {
            probe();
          }
          if (problem == null && extra != null) {
            extra.run();
          }
        });
      }
    }

    void probe() {
      long t = sim.now();
      if (detection) {
        long[][] copy = new long[n][];
        for (int i = 0; i < n; i++) {
          copy[i] = fresh[i].clone();
        }
        past.put(t, copy);
      }
      for (int x = 0; x < n && problem == null; x++) {
        if (!up(x)) {
          continue;
        }
        String xid = ids.get(x);
        Set<String> mem = members(x);
        view.set(x, mem);
        if (!mem.contains(xid)) {
          fail("members lacks itself", xid, "At " + t + " ms " + xid + ".members() is "
              + sorted(mem) + ": members() lists every member the node knows of, itself "
              + "included.");
          return;
        }
        long knowsOthersSince = Long.MAX_VALUE;
        for (String y : mem) {
          Integer j = index.get(y);
          if (j == null) {
            fail("unknown member", xid, "At " + t + " ms " + xid + ".members() "
                + "lists " + y + ", which is not a member of this cluster " + ids + ".");
            return;
          }
          listed[x][j] = Math.min(listed[x][j], t);
          if (j != x) {
            knowsOthersSince = Math.min(knowsOthersSince, listed[x][j]);
          }
        }
        Watched w = nodes[x];
        if (everyRound && knowsOthersSince != Long.MAX_VALUE && t >= knowsOthersSince + ROUND
            && t - Math.max(w.lastPush, knowsOthersSince) > ROUND) {
          fail("no round", xid, xid + " has known other members since " + knowsOthersSince
              + " ms at the latest, but " + (w.lastPush < 0 ? "has not pushed to any of them"
              : "has not pushed to any member since " + w.lastPush + " ms") + " (now " + t
              + " ms). Every round (" + ROUND + " ms) a member pushes its state to a member it "
              + "knows, from a timer it sets again every round.");
          return;
        }
        if (detection) {
          judgeDown(x, mem, down(x), t);
        }
      }
    }

    /** Failure detection, exactly as the brief defines it, judged against the model. */
    void judgeDown(int x, Set<String> mem, Set<String> down, long t) {
      String xid = ids.get(x);
      if (problem != null) {
        return;
      }
      if (down.contains(xid)) {
        fail("down lists itself", xid, "At " + t + " ms " + xid + ".down() is " + sorted(down)
            + ": a member never lists itself as down.");
        return;
      }
      if (!mem.containsAll(down)) {
        TreeSet<String> strangers = new TreeSet<>(down);
        strangers.removeAll(mem);
        fail("down lists a stranger", xid, "At " + t + " ms " + xid + ".down() lists "
            + strangers + ", which " + xid + ".members() " + sorted(mem) + " does not: down() "
            + "lists only members the node knows of.");
        return;
      }
      long[][] then = past.get(t - failAfter);
      for (int y = 0; y < n; y++) {
        if (y == x) {
          continue;
        }
        String yid = ids.get(y);
        if (down.contains(yid)) {
          if (heard[x][y] >= t - failAfter) {
            fail("down too early", xid, "At " + t + " ms " + xid + " lists " + yid
                + " as down, but it cannot have heard of " + yid + " before " + heard[x][y]
                + " ms, only " + (t - heard[x][y]) + " ms ago. A member you have only heard of "
                + "is down once failAfter (" + failAfter + " ms) has passed since you first "
                + "heard of it.");
            return;
          }
          long before = then == null ? -1 : ms(then[x][y]);
          long start = sim.upSince(yid);
          long base = Math.max(before, start);
          if (start >= 0 && ms(fresh[x][y]) > base + ROUND) {
            fail("down though its heartbeat rose", xid, "At " + t + " ms " + xid
                + " lists " + yid + " as down, but " + yid + "'s heartbeat went up in what "
                + xid + " received within the last failAfter (" + failAfter + " ms): by "
                + freshAt[x][y] + " ms news had reached " + xid + " that left " + yid + " at "
                + ms(fresh[x][y]) + " ms, while at " + (t - failAfter) + " ms the freshest news of "
                + yid + " it had " + (before < 0 ? "was none" : "had left " + yid + " at "
                + before + " ms") + ". " + yid + " did a round in between (one every " + ROUND
                + " ms), so its counter had gone up, whoever brought the news.");
            return;
          }
        } else if (mem.contains(yid)) {
          long last = Math.max(listed[x][y], freshAt[x][y]);
          if (t - last > failAfter) {
            String crash = sim.isUp(yid) ? "" : yid + " crashed at " + sim.downSince(yid)
                + " ms. ";
            fail("not down", xid, crash + "No news of " + yid + " has reached " + xid
                + " since " + (freshAt[x][y] < 0 ? "it started" : freshAt[x][y] + " ms (it had "
                + "left " + yid + " at " + ms(fresh[x][y]) + " ms)") + ", and " + xid + " has "
                + "listed " + yid + " among its members since " + listed[x][y] + " ms at the "
                + "latest. At " + t + " ms, more than failAfter (" + failAfter + " ms) after "
                + "both, " + xid + ".down() is " + sorted(down) + ", without " + yid + ".");
            return;
          }
        }
      }
    }

    /** After a put at x: nobody else can have the new value yet (messages take 1 ms or more). */
    void checkNotSeenYet(int x, String key, String value) {
      String owner = ids.get(x);
      for (int o = 0; o < n && problem == null; o++) {
        if (o == x || !up(o)) {
          continue;
        }
        String v = get(o, owner, key);
        if (value.equals(v)) {
          fail("seen before sent", ids.get(o), "At " + sim.now() + " ms " + owner
              + " put " + key + "=" + value + ", and in the same instant, before any message "
              + "could carry it, " + ids.get(o) + ".get(\"" + owner + "\", \"" + key
              + "\") already returns it: the two nodes share a mutable object. Only the owner "
              + "changes its state; copy what you send, and never change what you received.");
        }
      }
    }

    /** members() and down() hand out sets the caller may change without changing the node. */
    void checkCopies(int x) {
      String id = ids.get(x);
      Set<String> before = new TreeSet<>(members(x));
      Set<String> got = ask(id, () -> "members()", () -> nodes[x].inner.members(), null);
      if (got != null) {
        try {
          got.clear();
        } catch (UnsupportedOperationException fine) {
          // an unmodifiable set is a fine answer too
        }
      }
      Set<String> after = members(x);
      if (problem == null && !after.equals(before)) {
        fail("members() shared", id, "The caller cleared the set " + id
            + ".members() returned at " + sim.now() + " ms, and " + id + ".members() went "
            + "from " + before + " to " + after + ": return a copy (or an unmodifiable set), "
            + "so that only gossip changes what a node knows.");
        return;
      }
      Set<String> downBefore = new TreeSet<>(down(x));
      Set<String> d = ask(id, () -> "down()", () -> nodes[x].inner.down(), null);
      String other = ids.get(x == 0 ? 1 : 0);
      if (d != null) {
        try {
          d.add(other);
        } catch (UnsupportedOperationException fine) {
          // an unmodifiable set is a fine answer too
        }
      }
      Set<String> downAfter = down(x);
      if (problem == null && !downAfter.equals(downBefore)) {
        fail("down() shared", id, "The caller added " + other + " to the set " + id
            + ".down() returned at " + sim.now() + " ms, and " + id + ".down() went from "
            + downBefore + " to " + downAfter + ": return a copy (or an unmodifiable set).");
      }
    }

    /** get() of a member or key the node does not know is null, not an exception. */
    void checkUnknownGets(int x) {
      String id = ids.get(x);
      String[][] asks = {{"n0", "news"}, {id, "no-such-key"}};
      for (String[] a : asks) {
        String v = get(x, a[0], a[1]);
        if (problem == null && v != null) {
          fail("get of unknown", id, id + ".get(\"" + a[0] + "\", \"" + a[1]
              + "\") returned \"" + v + "\" at " + sim.now() + " ms; nobody ever put that, so "
              + "it must return null.");
        }
      }
    }

    /** Events at or to {@code node}, faults, and flags. */
    Timeline around(String node) {
      return Timeline.of(sim.trace()).maxLines(50).filter(e -> e.node().equals(node)
          || e.peer().equals(node) || e.type() == TraceEvent.Type.NETWORK
          || e.type() == TraceEvent.Type.CRASH);
    }

    /** Runs to the horizon (or the first problem) and judges it. */
    Outcome run() {
      sim.run();
      return outcome();
    }

    Outcome outcome() {
      if (problem == null) {
        return Outcome.passed(sim);
      }
      return Outcome.failed(sim, problem.reason(), problem.text(), around(problem.node()));
    }
  }

  /** A node's set as the learner sees it, in name order (Set.of prints in any order). */
  static Set<String> sorted(Set<String> set) {
    return new TreeSet<>(set);
  }

  /** Where in the learner's file an exception came from, if it did. */
  static String where(Throwable e) {
    for (StackTraceElement f : e.getStackTrace()) {
      if ("GossipNode".equals(f.getClassName()) || f.getClassName().startsWith("GossipNode$")) {
        return " (at GossipNode.java:" + f.getLineNumber() + ")";
      }
    }
    return "";
  }

  /**
   * A learner node as the simulator sees it: passes every call on, and watches what the node
   * sends. Messages are handed on unchanged, so timelines show them as the learner wrote them.
   */
  static final class Watched implements GossipMember {
    static final int OUTSIDE = 0;
    static final int ROUND_CALL = 1;
    static final int ANSWERING = 2;
    static final int READING_ANSWER = 3;
    static final int EITHER = 4;

    final World w;
    final int me;
    final String id;
    final GossipNode inner;
    Context real;
    int phase = OUTSIDE;
    String partner;
    String firstTo;
    int sendsInCall;
    long lastPush = -1;

    Watched(World w, int me, GossipNode inner) {
      this.w = w;
      this.me = me;
      this.id = w.ids.get(me);
      this.inner = inner;
    }

    @Override
    public void start(Context ctx) {
      real = ctx;
      long now = w.sim.now();
      w.heard[me][me] = now;
      for (String s : w.seeding[me].seeds()) {
        Integer j = w.index.get(s);
        if (j != null) {
          w.heard[me][j] = Math.min(w.heard[me][j], now);
        }
      }
      call(ROUND_CALL, null, () -> inner.start(new Watching()));
      if (w.problem != null || !w.checkStart) {
        return;
      }
      Set<String> mem = w.members(me);
      TreeSet<String> missing = new TreeSet<>(w.seeding[me].seeds());
      missing.add(id);
      missing.removeAll(mem);
      if (w.problem == null && !missing.isEmpty()) {
        Seeding s = w.seeding[me];
        fail("seeds not kept", "Right after start(), " + id + ".members() is " + sorted(mem)
            + ", without " + missing + ". It was built with seeds " + s.seeds()
            + (s.reused() ? " in a list the caller then cleared to use it again: copy the "
                + "seeds in the constructor." : " (an unmodifiable list).")
            + " The seeds, and the node itself, are members it knows from the start.");
      }
      w.noteListing(me);
    }

    @Override
    public void onTimer(Object tag) {
      call(ROUND_CALL, null, () -> inner.onTimer(tag));
      w.noteListing(me);
    }

    @Override
    public void onMessage(String from, Object message) {
      int kinds = w.recordDelivery(w.index.get(from), me, message);
      int p = kinds == 1 ? ANSWERING : kinds == 2 ? READING_ANSWER : EITHER;
      call(p, from, () -> inner.onMessage(from, message));
      if (kinds == 1 && sendsInCall == 0) {
        fail("push not answered", id + " received a push from " + from + " at "
            + w.sim.now() + " ms and did not answer it. A member answers every push with its "
            + "own state (the pull): that is what makes the last members catch up fast.");
      }
      w.noteListing(me);
    }

    private void call(int p, String from, Runnable r) {
      phase = p;
      partner = from;
      sendsInCall = 0;
      firstTo = null;
      try {
        r.run();
      } finally {
        phase = OUTSIDE;
      }
    }

    private void fail(String reason, String text) {
      w.fail(reason, id, text);
    }

    /** Checks one send against the protocol and records it in the model. */
    void sending(String to, Object message) {
      long now = w.sim.now();
      Integer j = w.index.get(to);
      if (to.equals(id)) {
        fail("sent to itself", id + " sent a message to itself at " + now
            + " ms. A round picks a partner among the members it knows, never itself.");
      }
      boolean push;
      switch (phase) {
        case ROUND_CALL -> {
          push = true;
          if (sendsInCall > 0) {
            fail("two pushes in a round", "In one round at " + now + " ms " + id
                + " sent to " + firstTo + " and to " + to + ". A round pushes to exactly one "
                + "member, picked at random; the pulls spread the rest.");
          } else if (lastPush >= 0 && now - lastPush < ROUND) {
            fail("two pushes in a round", id + " pushed at " + lastPush + " ms and "
                + "again at " + now + " ms, less than a round (" + ROUND + " ms) apart. A "
                + "member pushes once per round.");
          }
          lastPush = now;
        }
        case ANSWERING, EITHER -> {
          push = false;
          if (!to.equals(partner)) {
            fail("answered someone else", "At " + now + " ms " + id + " answered "
                + partner + "'s push with a message to " + to + ". The answer to a push goes "
                + "back to the member that pushed.");
          } else if (sendsInCall > 0) {
            fail("answered twice", "At " + now + " ms " + id + " answered one push "
                + "from " + partner + " with two messages. Each push gets exactly one answer.");
          }
        }
        case READING_ANSWER -> {
          push = false;
          fail("answered an answer", "At " + now + " ms " + id + " received "
              + partner + "'s answer to its push and sent " + to + " another message. An answer "
              + "is merged and not answered, or two members keep answering each other.");
        }
        default -> {
          push = true;
          fail("sent outside a round", id + " sent a message to " + to + " at " + now
              + " ms outside a round and outside an answer (in put(), get(), members() or "
              + "down()). A member sends only its round's push and its answers to pushes.");
        }
      }
      if (firstTo == null) {
        firstTo = to;
      }
      sendsInCall++;
      if (j != null) {
        w.recordSend(me, j, push, message);
        if (w.onSend != null) {
          w.onSend.sent(me, j);
        }
      }
    }

    @Override
    public void put(String key, String value) {
      inner.put(key, value);
    }

    @Override
    public String get(String member, String key) {
      return inner.get(member, key);
    }

    @Override
    public Set<String> members() {
      return inner.members();
    }

    @Override
    public Set<String> down() {
      return inner.down();
    }

    /** The context the learner's node sees: the real one, with its sends watched. */
    final class Watching extends ForwardingContext {
      Watching() {
        super(real);
      }

      @Override
      public void send(String to, Object message) {
        sending(to, message);
        real.send(to, message);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers shared by the properties.

  static int log2(int n) {
    return 31 - Integer.numberOfLeadingZeros(n);
  }

  /** n1 knows only itself; the others know n1, n2 and n3 (n2 and n3 include themselves). */
  static Seeding threeSeeds(int i) {
    List<String> seeds = i == 0 ? List.of("n1") : List.of("n1", "n2", "n3");
    return new Seeding(seeds, i % 2 == 1);
  }

  static java.util.function.IntFunction<Seeding> everyone(int n) {
    List<String> all = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      all.add("n" + i);
    }
    return i -> new Seeding(all, i % 2 == 1);
  }

  /**
   * Runs {@code s} on each seed of the sweep with a run of {@code horizon} ms; the first failure
   * is shrunk and fails the test with {@code property} and the hint about its reason.
   */
  static void sweep(String property, int seeds, long horizon, String hint, Scenario s) {
    for (long seed : Seeds.sweep(seeds)) {
      Shrinker.Result r = Shrinker.firstFailure(s, new long[] {seed}, horizon);
      if (r != null) {
        throw Seeds.failure(seed, property + "\n" + r.report(), r.outcome().error(),
            hintFor(r.outcome().reason(), hint));
      }
    }
  }

  /** The hint about a failure's reason: the protocol and the model name their own. */
  static String hintFor(String reason, String otherwise) {
    return switch (reason) {
      case "sent to itself", "two pushes in a round", "answered someone else", "answered twice",
          "answered an answer", "sent outside a round", "seeds not kept", "members lacks itself",
          "unknown member", "members() null", "never heard" -> PUSH_PULL;
      case "push not answered", "no round" -> SPEED;
      case "down lists itself", "down lists a stranger", "down too early",
          "down though its heartbeat rose", "not down", "down() null", "boundary" -> DETECT;
      case "seen before sent", "members() shared", "down() shared", "get of unknown",
          "went back", "not newest", "missing key" -> VERSIONS;
      default -> reason.startsWith("threw in get") || reason.startsWith("threw in put")
          ? VERSIONS : reason.startsWith("threw in members") ? PUSH_PULL
          : reason.startsWith("threw in down") ? DETECT : otherwise;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Spreading from three seeds (properties 2 and 4).

  /** When, in one spread run, every member knew every other, and the update reached all. */
  static final class Spread {
    long known = -1;
    long injected = -1;
    long reached = -1;
  }

  /**
   * N members that know only the seeds learn each other, then an update made at one member
   * spreads: each part within {@code bound} rounds ({@code bound} past the run: only measure).
   */
  static Scenario spreading(int n, double drop, int bound, Spread out) {
    return plan -> {
      World w = new World(plan, NET.withDrop(drop), n, NEVER, n + " members that started "
          + "knowing only n1, n2 and n3 (n1 only itself)" + (drop > 0 ? ", with "
          + Math.round(drop * 100) + "% of messages lost" : ""));
      SplittableRandom rng = new SplittableRandom(plan.seed());
      w.addAll(rng, GossipSuite::threeSeeds);
      int source = rng.nextInt(n);
      String sid = w.ids.get(source);
      Spread s = out != null ? out : new Spread();
      int[] tick = {0};
      w.probeEvery(ROUND, 10, 0, () -> {
        long now = w.sim.now();
        // Every 10 ms while members learn each other (that is what is timed), then every 50.
        if (s.known < 0 || tick[0]++ % 5 == 0) {
          w.probe();
          if (w.problem != null) {
            return;
          }
        }
        if (s.known < 0) {
          for (int x = 0; x < n; x++) {
            Set<String> mem = w.view.get(x);
            if (!mem.containsAll(w.ids)) {
              if (now >= (bound + 1) * ROUND) {
                w.fail("slow membership", w.ids.get(x), "After " + bound
                    + " rounds (" + now + " ms) " + w.ids.get(x) + " knows " + mem.size()
                    + " of " + n + " members.");
              }
              return;
            }
          }
          s.known = now;
          s.injected = now;
          w.put(source, "news", "hot");
          w.checkNotSeenYet(source, "news", "hot");
          return;
        }
        for (int x = 0; x < n; x++) {
          if (!"hot".equals(w.get(x, sid, "news"))) {
            if (now >= s.injected + bound * ROUND) {
              w.fail("slow update", w.ids.get(x), sid + " set news=hot at "
                  + s.injected + " ms; " + bound + " rounds later " + w.ids.get(x)
                  + " still does not have it.");
            }
            return;
          }
        }
        s.reached = now;
        int x = rng.nextInt(n);
        w.checkUnknownGets(x);
        w.checkCopies(x);
        w.sim.stop();
      });
      return w.run();
    };
  }


  static long spreadHorizon(int bound) {
    return (2L * bound + 3) * ROUND;
  }

  /** For calibration: one spread run of property 2 (drop 0) or 4 (drop 0.1), measured. */
  static Spread measureSpread(int n, double drop, long seed) {
    Spread s = new Spread();
    Outcome o = spreading(n, drop, 1_000, s).run(RunPlan.of(seed, spreadHorizon(40)));
    if (o.failed()) {
      throw new AssertionError(o.problem());
    }
    return s;
  }

  // ---------------------------------------------------------------------------------------------
  // The properties.

  @Test
  @Order(1)
  @DisplayName("each round pushes to one member, never itself; each push gets exactly one answer, "
      + "and an answer none")
  @Hint("push-pull-rounds")
  void theProtocol() {
    int n = 8;
    sweep("Each round (every " + ROUND + " ms), a member pushes its state to one member it "
        + "knows, never itself; the member that receives a push answers it with exactly one "
        + "message, back to the pusher; an answer is merged and not answered. Here 8 members "
        + "started knowing only n1, n2 and n3; 10% of messages were lost and 10% delivered "
        + "twice (a push delivered twice is answered twice).", 20, 30 * ROUND, PUSH_PULL,
        plan -> {
          World w = new World(plan, NET.withDrop(0.1).withDuplicate(0.1), n, NEVER,
              n + " members that started knowing only n1, n2 and n3");
          SplittableRandom rng = new SplittableRandom(plan.seed());
          w.addAll(rng, GossipSuite::threeSeeds);
          w.probeEvery(ROUND, 10, 1, null);
          w.sim.at(25 * ROUND, () -> {
            int x = rng.nextInt(n);
            w.checkUnknownGets(x);
            w.checkCopies(x);
          });
          return w.run();
        });
  }

  @Test
  @Order(2)
  @DisplayName("every node learns every member from three seeds, and every update, within "
      + "2 log2(N) rounds")
  @Hint("push-pull-rounds")
  void membersAndUpdatesSpread() {
    int n = SPREAD_N;
    int bound = SPREAD_BOUND;
    sweep("With N=" + n + " members that start knowing only n1, n2 and n3 (n1 only itself), "
        + "every member must learn every other within " + bound + " rounds, and then an update "
        + "made at one member must reach all within " + bound + " rounds more. Each round, a "
        + "member swaps state with one member picked at random: push what it knows, pull what "
        + "the other knows.", 100, spreadHorizon(bound), PUSH_PULL,
        spreading(n, 0, bound, null));
  }


  /**
   * For property 3: N members that know each other; one update; returns the rounds it took to
   * reach all (CAP + 1 if it did not within CAP), and the curve of how many had it per round.
   */
  static int fastSpread(long seed, List<Integer> curve, String[] problem) {
    int n = FAST_N;
    World w = new World(RunPlan.of(seed, (CAP + 3) * ROUND), NET, n, NEVER,
        n + " members that know each other");
    SplittableRandom rng = new SplittableRandom(seed);
    w.addAll(rng, everyone(n));
    int source = rng.nextInt(n);
    String sid = w.ids.get(source);
    long inject = ROUND + rng.nextInt((int) ROUND); // every member has started by then
    w.sim.at(inject, () -> {
      w.put(source, "news", "hot");
      w.checkNotSeenYet(source, "news", "hot");
    });
    long[] done = {-1};
    // Only the protocol is checked here, on every send: the other properties check the rest, and
    // 64 members' sets, read often, would cost more than the gossip.
    w.checkStart = false;
    for (long t = inject + 5; t <= inject + CAP * ROUND; t += 5) {
      w.sim.at(t, () -> {
      long now = w.sim.now();
      int knows = 0;
      for (int x = 0; x < n; x++) {
        knows += "hot".equals(w.get(x, sid, "news")) ? 1 : 0;
      }
      if ((now - inject) % ROUND == 0 && curve != null) {
        curve.add(knows);
      }
      if (knows == n) {
        done[0] = now;
        if (curve != null) {
          curve.add(knows);
        }
        w.sim.stop();
      } else if (now >= inject + CAP * ROUND) {
        w.sim.stop();
      }
      });
    }
    w.sim.run();
    if (w.problem != null) {
      problem[0] = w.problem.text();
      problem[1] = hintFor(w.problem.reason(), SPEED);
    }
    return done[0] < 0 ? CAP + 1 : (int) ((done[0] - inject + ROUND - 1) / ROUND);
  }

  @Test
  @Order(3)
  @DisplayName("with N = 64 an update reaches every node within 1.5 log2(N) = 9 rounds on 95% of "
      + "seeds")
  @Hint("how-fast-gossip-spreads")
  void updatesSpreadInLogarithmicRounds() {
    List<String> slow = new ArrayList<>();
    long first = -1;
    String firstCurve = "";
    long[] seeds = Seeds.sweep(100);
    for (long seed : seeds) {
      List<Integer> curve = new ArrayList<>();
      String[] problem = {null, null};
      int rounds;
      try {
        rounds = fastSpread(seed, curve, problem);
      } catch (SimulationException e) {
        throw Seeds.failure(seed, "In a cluster of " + FAST_N + " members that know each other: "
            + e.getMessage(), e.getCause() != null ? e.getCause() : e);
      }
      if (problem[0] != null) {
        throw Seeds.failure(seed, problem[0], null, problem[1]);
      }
      if (rounds > FAST) {
        slow.add("seed " + seed + ": " + (rounds > CAP ? "more than " + CAP : rounds)
            + " rounds");
        if (first < 0) {
          first = seed;
          firstCurve = "seed " + seed + ", members that had the update after each round: "
              + curve;
        }
        if (rounds > CAP) {
          throw Seeds.failure(seed, "With N=" + FAST_N + " members, an update must reach all "
              + "of them within " + CAP + " rounds on every seed; here it did not.\n"
              + firstCurve, null);
        }
      }
    }
    int allowed = seeds.length == 1 ? 0 : SLOW_ALLOWED;
    if (slow.size() > allowed) {
      throw Seeds.failure(first, "With N=" + FAST_N + " members, an update must reach all of "
          + "them within " + FAST + " rounds (1.5 x log2 N) on at least " + (100 - allowed)
          + "% of seeds; push-pull gossip to one random member per round needs about log2 N. "
          + "Too slow on " + slow.size() + " of " + seeds.length + " seeds: "
          + String.join("; ", slow.subList(0, Math.min(8, slow.size())))
          + (slow.size() > 8 ? "; ..." : "") + ".\n" + firstCurve, null);
    }
  }

  @Test
  @Order(4)
  @DisplayName("members and updates still spread everywhere with 10% of messages lost")
  @Hint("push-pull-rounds")
  void lossIsTolerated() {
    int n = LOSS_N;
    int bound = LOSS_BOUND;
    sweep("With 10% of messages lost and N=" + n + ", every member must still learn every "
        + "other within " + bound + " rounds, and an update must still reach all within "
        + bound + " rounds more. A lost message is made up for by the next rounds, as long as "
        + "every round gossips everything that is new to the other side.", 100,
        spreadHorizon(bound), PUSH_PULL, spreading(n, 0.1, bound, null));
  }

  static final int WRITERS = 3;
  static final int LAST = 6;
  static final int KEYS = 12;

  /**
   * Three writers overwrite k every round and write key-1..key-12 once; their clocks are set
   * back 5 s midway. Returns (through {@code settled}) when every view first held everything.
   */
  static Scenario newest(long settleBy, long[] settled) {
    SimConfig net = NET.withSlow(0.3, 3 * ROUND).withDuplicate(0.1);
    int n = 16;
    return plan -> {
      World w = new World(plan, net, n, NEVER, n + " members that know each other");
      SplittableRandom rng = new SplittableRandom(plan.seed());
      w.addAll(rng, everyone(n));
      w.everyRound = false; // the writers' clocks jump: timers are theirs to re-plan
      List<Integer> writers = List.of(0, 1, 2);
      long lastPut = 0;
      for (int i = 1; i <= LAST; i++) {
        int value = i;
        for (int x : writers) {
          long at = (i + 1) * ROUND + rng.nextInt((int) ROUND);
          lastPut = Math.max(lastPut, at);
          w.sim.at(at, () -> {
            w.put(x, "k", Integer.toString(value));
            w.checkNotSeenYet(x, "k", Integer.toString(value));
          });
        }
      }
      for (int x : writers) {
        w.sim.at(ROUND + rng.nextInt((int) ROUND), () -> {
          for (int k = 1; k <= KEYS; k++) {
            w.put(x, "key-" + k, "v" + k);
          }
        });
        // An NTP step: the writer's clock jumps back 5 s. A put is newer than every earlier put
        // of its key, whatever the clock says.
        w.sim.schedule(new Fault.Clock(4 * ROUND + rng.nextInt((int) ROUND), w.ids.get(x),
            -5_000, 0));
      }
      int[][] seen = new int[n][writers.size()];
      boolean[][] complete = new boolean[n][writers.size()];
      long[] settledAt = {-1};
      long end = lastPut;
      w.probeEvery(ROUND, 10, 5, () -> {
        long now = w.sim.now();
        boolean all = true;
        for (int o = 0; o < n && w.problem == null; o++) {
          for (int wi = 0; wi < writers.size(); wi++) {
            String wid = w.ids.get(writers.get(wi));
            String v = w.get(o, wid, "k");
            int got;
            try {
              got = v == null ? 0 : Integer.parseInt(v);
            } catch (NumberFormatException e) {
              w.fail("went back", w.ids.get(o), w.ids.get(o) + ".get(\"" + wid
                  + "\", \"k\") returned \"" + v + "\", a value " + wid + " never put.");
              return;
            }
            if (got < seen[o][wi]) {
              w.fail("went back", w.ids.get(o), "At " + now + " ms "
                  + w.ids.get(o) + "'s view of " + wid + "'s k went back from " + seen[o][wi]
                  + " to " + got + ": an older state arrived late and replaced a newer one.");
              return;
            }
            seen[o][wi] = got;
            boolean has = got == LAST;
            String missing = null;
            for (int k = 1; k <= KEYS && has && !complete[o][wi]; k++) {
              if (!("v" + k).equals(w.get(o, wid, "key-" + k))) {
                has = false;
                missing = "key-" + k;
              }
            }
            complete[o][wi] = has; // the keys are written once: checked until all arrived
            all &= has;
            if (!has && now >= settleBy) {
              if (got != LAST) {
                w.fail("not newest", w.ids.get(o), "At " + now + " ms, "
                    + (now - end) / ROUND + " rounds after the last update, " + w.ids.get(o)
                    + " has " + wid + "'s k = " + got + ", not " + LAST + ". (" + wid
                    + "'s clock was set back 5 s midway: a put is newer than every earlier "
                    + "put of its key, whatever the clock says.)");
              } else {
                w.fail("missing key", w.ids.get(o), "At " + now + " ms " + wid
                    + " had put key-1 .. key-" + KEYS + " long ago, but " + w.ids.get(o)
                    + ".get(\"" + wid + "\", \"" + missing + "\") is " + w.get(o, wid, missing)
                    + ". A member's state holds all its entries, each with its own version.");
              }
              return;
            }
          }
        }
        if (all && settledAt[0] < 0 && now > end) {
          settledAt[0] = now;
          if (settled != null) {
            settled[0] = now;
          }
        } else if (settledAt[0] >= 0 && now > settledAt[0] + 4 * ROUND) {
          w.sim.stop(); // every late message from before has landed by now
        }
      });
      return w.run();
    };
  }

  @Test
  @Order(5)
  @DisplayName("a newer value replaces an older one everywhere, and never the other way round")
  @Hint("versioned-state-and-merging")
  void newerValuesWin() {
    sweep("Three members write key-1 .. key-" + KEYS + " once and overwrite their own key k "
        + "every round (1, 2, ... " + LAST + "); their clocks are set back 5 s midway; gossip "
        + "arrives late and out of order (30% of messages 150 ms late, 10% twice). A member's "
        + "view of another member's entries may lag, but must never go back to an older value, "
        + "and must end with every entry at its newest.", 100, SETTLE_BY + 3 * ROUND, VERSIONS,
        newest(SETTLE_BY, null));
  }

  static final int DETECT_N = 16;
  static final long FAIL_AFTER = 8 * ROUND;

  /**
   * Members start knowing only the seeds; one member that is not a seed crashes right after its
   * first round (most members hear of it only later, through gossip), another at a random time;
   * clocks are skewed up to 10 s; 10% of messages are lost. Failure detection is judged exactly
   * against the model at every probe.
   */
  static Scenario detecting() {
    int n = DETECT_N;
    return plan -> {
      World w = new World(plan, NET.withDrop(0.1), n, FAIL_AFTER, n + " members that started "
          + "knowing only n1, n2 and n3, with 10% of messages lost");
      SplittableRandom rng = new SplittableRandom(plan.seed());
      w.detection = true;
      w.everyRound = false;
      long[] start = new long[n];
      for (int i = 0; i < n; i++) {
        start[i] = rng.nextInt((int) ROUND);
        w.add(i, new Seeding(List.of("n1", "n2", "n3"), i % 2 == 1), start[i]);
        w.sim.schedule(new Fault.Clock(0, w.ids.get(i), rng.nextLong(-10_000, 10_001), 0));
      }
      int early = 3 + rng.nextInt(n - 3);
      w.sim.schedule(new Fault.Crash(start[early] + ROUND + 1 + rng.nextInt((int) ROUND / 2),
          w.ids.get(early)));
      int other = rng.nextInt(n - 1);
      other = other >= early ? other + 1 : other;
      w.sim.schedule(new Fault.Crash(3 * ROUND + rng.nextInt(7 * (int) ROUND),
          w.ids.get(other)));
      // Every member also changes an entry once a round, between two of its rounds: its state
      // then changes without its counter, and such news must not reset anyone's down-timer.
      for (int i = 0; i < n; i++) {
        int x = i;
        for (long r = 1; r * ROUND < plan.horizon(); r++) {
          String value = "r" + r;
          w.sim.at(r * ROUND + rng.nextInt((int) ROUND), () -> {
            if (w.up(x)) {
              w.put(x, "load", value);
            }
          });
        }
      }
      w.probeEvery(20, 20, 1, null);
      return w.run();
    };
  }

  @Test
  @Order(6)
  @DisplayName("a member is down exactly when no news of its heartbeat going up arrived for "
      + "failAfter")
  @Hint("detecting-failed-members")
  void failuresAreDetectedAsDefined() {
    sweep("A member is in down() once its heartbeat counter has not gone up, in anything the "
        + "node received, for more than failAfter (" + FAIL_AFTER + " ms); for a member it has "
        + "only heard of, counted from when it first heard of it. Here " + DETECT_N + " members "
        + "started knowing only n1, n2 and n3; one member crashed right after its first round, "
        + "so that most heard of it only through gossip, another later; clocks were skewed by up "
        + "to 10 s and 10% of messages were lost. The suite follows every message to know what "
        + "news of whom can have reached each node, and when.", 100, 28 * ROUND, DETECT,
        detecting());
  }

  /**
   * The down-timer at its boundary, in a small run whose facts are exact: n3 knows only n2,
   * pushes to it once and crashes, so n2 hears of n3 from n3 itself and n1 hears of it only
   * through n2; n2's seeds include n4, which never starts. Each is down failAfter + 1 ms after
   * the node first listed it, not a millisecond earlier.
   */
  static Scenario boundary(long failAfter) {
    return plan -> {
      World w = new World(plan, NET, 4, failAfter, "4 members: n1 knows n2, n2 knows n4 (never "
          + "started), n3 knows n2");
      SplittableRandom rng = new SplittableRandom(plan.seed());
      w.exactListing = true;
      w.everyRound = false;
      w.add(0, new Seeding(List.of("n2"), false), rng.nextInt((int) ROUND));
      w.add(1, new Seeding(List.of("n4", "n2"), true), rng.nextInt((int) ROUND));
      // n3 starts once n2 runs: its one push must land.
      w.add(2, new Seeding(List.of("n2"), false), ROUND + rng.nextInt((int) ROUND));
      w.add(3, new Seeding(List.of("n4"), false), Long.MAX_VALUE / 4); // never starts
      for (int i = 0; i < 4; i++) {
        w.sim.schedule(new Fault.Clock(0, w.ids.get(i), rng.nextLong(-10_000, 10_001), 0));
      }
      w.onSend = (from, to) -> {
        if (from == 2 && w.sim.isUp("n3")) {
          w.sim.schedule(new Fault.Crash(w.sim.now(), "n3"));
        }
      };
      String[] how = {"", "", "from n3's own push", "from its seed list"};
      w.onListed = (x, y) -> {
        if (x == y || x > 1 || (x == 0 && y != 2) || (x == 1 && y == 0)) {
          return; // only the members that never send another state: n3, and n4
        }
        if (y == 2 && w.sim.isUp("n3")) {
          return; // the run was cut so that n3 did not crash: its heartbeat may still go up
        }
        String xid = w.ids.get(x);
        String yid = w.ids.get(y);
        long h = w.sim.now();
        String heardHow = x == 0 ? "through gossip (from n2)" : how[y];
        long[] notYet = {h + 1, h + failAfter};
        for (long t : notYet) {
          w.sim.at(t, () -> {
            if (w.problem == null && w.down(x).contains(yid)) {
              w.fail("boundary", xid, xid + " first heard of " + yid + " at " + h
                  + " ms, " + heardHow + ", and never had newer news of it. At " + t
                  + " ms, " + (t - h) + " ms later, " + xid + ".down() already lists " + yid
                  + ": a member is down only once MORE than failAfter (" + failAfter + " ms) "
                  + "has passed since you first heard of it.");
            }
          });
        }
        for (long t : new long[] {h + failAfter + 1, h + failAfter + 2 * ROUND}) {
          w.sim.at(t, () -> {
            if (w.problem == null && !w.down(x).contains(yid)) {
              w.fail("boundary", xid, xid + " first heard of " + yid + " at " + h
                  + " ms, " + heardHow + ", and never had newer news of it. At " + t
                  + " ms, " + (t - h) + " ms later, " + xid + ".down() is " + sorted(w.down(x))
                  + ", without " + yid + ": down() answers for the moment it is called, and "
                  + "a member you heard of is down as soon as more than failAfter ("
                  + failAfter + " ms) passed without its heartbeat going up.");
            }
          });
        }
      };
      w.sim.run();
      long told = w.listed[1][2];
      if (w.problem == null && w.listed[0][2] == Long.MAX_VALUE && told != Long.MAX_VALUE
          && w.sim.now() >= told + 20 * ROUND) {
        w.fail("never heard", "n1", "n2 has known n3 since " + told + " ms, but by "
            + w.sim.now() + " ms n1.members() is still " + sorted(w.members(0)) + ", though "
            + "n1 swaps state with n2 every round.");
      }
      return w.outcome();
    };
  }

  @Test
  @Order(7)
  @DisplayName("down() lists a member exactly when more than failAfter passed without news, "
      + "counted from first hearing of it")
  @Hint("detecting-failed-members")
  void theDownTimerBoundary() {
    long failAfter = 3 * ROUND + 17; // not a whole number of rounds
    sweep("A member you have only heard of (from your seeds, or through gossip) is down once "
        + "more than failAfter (" + failAfter + " ms) has passed since you first heard of it, "
        + "and not a millisecond earlier; down() answers for the moment it is called. Here n1 "
        + "knows n2, n2 knows n4 (which never starts), and n3 knows n2 and crashes right after "
        + "its first push, so n1 hears of n3 only through n2.", 5, 40 * ROUND, DETECT,
        boundary(failAfter));
  }

  /**
   * Five members that start knowing n1 gossip for {@code rounds} rounds; returns, per member, how
   * many of its pushes went to each other member once it knew all of them. A member crashes near
   * the end (counters are in the hundreds by then) and must be detected as defined.
   */
  static Scenario longRun(int rounds, int[][] pushes) {
    int n = 5;
    return plan -> {
      World w = new World(plan, NET, n, FAIL_AFTER, n + " members that started knowing n1");
      SplittableRandom rng = new SplittableRandom(plan.seed());
      w.detection = true;
      w.everyRound = false;
      w.addAll(rng, i -> new Seeding(List.of("n1"), i % 2 == 1));
      long crashAt = (rounds - 30) * ROUND;
      int victim = rng.nextInt(n);
      w.sim.schedule(new Fault.Crash(crashAt, w.ids.get(victim)));
      boolean[] knowsAll = new boolean[n];
      w.onSend = (from, to) -> {
        if (knowsAll[from] && w.nodes[from].phase == Watched.ROUND_CALL
            && w.sim.now() < crashAt) {
          pushes[from][to]++;
        }
      };
      w.probeEvery(20, 20, 1, () -> {
        for (int x = 0; x < n; x++) {
          if (!knowsAll[x] && w.up(x)) {
            knowsAll[x] = w.members(x).size() == n;
          }
        }
      });
      return w.run();
    };
  }

  /** P(X <= k) or P(X >= k), whichever is smaller, for X ~ Binomial(trials, p). */
  static double tail(int trials, double p, int k) {
    double below = 0;
    double above = 0;
    for (int i = 0; i <= trials; i++) {
      double logPmf = logChoose(trials, i) + i * Math.log(p) + (trials - i) * Math.log1p(-p);
      double pmf = Math.exp(logPmf);
      if (i <= k) {
        below += pmf;
      }
      if (i >= k) {
        above += pmf;
      }
    }
    return Math.min(below, above);
  }

  static double logChoose(int n, int k) {
    double s = 0;
    for (int i = 1; i <= k; i++) {
      s += Math.log(n - k + i) - Math.log(i);
    }
    return s;
  }

  @Test
  @Order(8)
  @DisplayName("each round's partner is picked uniformly among the members a node knows")
  @Hint("push-pull-rounds")
  void partnersArePickedUniformly() {
    int rounds = 400;
    int n = 5;
    for (long seed : Seeds.sweep(3)) {
      int[][] pushes = new int[n][n];
      Scenario s = longRun(rounds, pushes);
      Shrinker.Result r = Shrinker.firstFailure(s, new long[] {seed}, rounds * ROUND);
      if (r != null) {
        throw Seeds.failure(seed, "Five members that started knowing n1 gossiped for " + rounds
            + " rounds, and one crashed near the end.\n" + r.report(), r.outcome().error(),
            hintFor(r.outcome().reason(), PUSH_PULL));
      }
      for (int x = 0; x < n; x++) {
        int total = Arrays.stream(pushes[x]).sum();
        for (int y = 0; y < n; y++) {
          if (y == x) {
            continue;
          }
          double p = tail(total, 1.0 / (n - 1), pushes[x][y]);
          if (p < UNIFORM_ODDS) {
            StringBuilder counts = new StringBuilder();
            for (int z = 0; z < n; z++) {
              if (z != x) {
                counts.append(counts.length() == 0 ? "" : ", ").append("n").append(z + 1)
                    .append(": ").append(pushes[x][z]);
              }
            }
            throw Seeds.failure(seed, "Once n" + (x + 1) + " knew all " + (n - 1) + " other "
                + "members, it pushed " + total + " times: " + counts + ". Picked uniformly "
                + "at random, each would get about " + total / (n - 1) + "; counts this far "
                + "off happen with probability below 1e-9. Pick the partner with "
                + "ctx.random().nextInt(size) over a sorted list of the members you know, "
                + "yourself left out.", null, PUSH_PULL);
          }
        }
      }
    }
  }

  @Test
  @Order(9)
  @DisplayName("the same seed gives the same run: randomness and time come from the Context")
  @Hint("push-pull-rounds")
  void runsReplayFromTheirSeed() {
    for (long seed : Seeds.sweep(2)) {
      String problem = Determinism.check(spreading(16, 0.1, 1_000, null),
          RunPlan.of(seed, 12 * ROUND));
      if (problem != null) {
        throw Seeds.failure(seed, "Sixteen members gossiped twice with the same seed.\n"
            + problem, null, PUSH_PULL);
      }
    }
  }

  @Test
  @Order(10)
  @DisplayName("the constructor rejects a round under 1 ms and a failAfter not longer than a "
      + "round, and accepts the rest")
  @Hint("detecting-failed-members")
  void argumentsAreChecked() {
    long[][] bad = {{0, 100}, {-5, 100}, {50, 50}, {50, 10}, {1, 1}};
    for (long[] a : bad) {
      String call = "new GossipNode([n1], " + a[0] + ", " + a[1] + ")";
      String hint = a[0] < 1 ? PUSH_PULL : DETECT;
      try {
        new GossipNode(List.of("n1"), a[0], a[1]);
      } catch (IllegalArgumentException expected) {
        continue;
      } catch (RuntimeException e) {
        throw Because.of(hint, call + " threw " + e + "; expected "
            + "IllegalArgumentException." + where(e), e);
      }
      throw Because.of(hint, call + " was accepted; expected "
          + "IllegalArgumentException: " + (a[0] < 1 ? "a round must be at least 1 ms."
          : "failAfterMillis must be longer than a round, or every member looks down between "
          + "two rounds."));
    }
    long[][] good = {{1, 2}, {50, 51}, {50, 400}};
    for (long[] a : good) {
      String call = "new GossipNode([n1], " + a[0] + ", " + a[1] + ")";
      try {
        new GossipNode(List.of("n1"), a[0], a[1]);
        new GossipNode(List.of(), a[0], a[1]);
      } catch (RuntimeException e) {
        throw Because.of(a[0] == 1 ? PUSH_PULL : DETECT, call + " (or with no "
            + "seeds) threw " + e + ": a round of 1 ms or more with a longer failAfter is "
            + "allowed, and so is an empty seed list (the first member of a cluster)."
            + where(e), e);
      }
    }
  }
}
