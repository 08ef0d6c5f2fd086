import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.MessageText;
import dstutor.grade.Seeds;
import dstutor.grade.SendLog;
import dstutor.kit.Context;
import dstutor.kit.Disk;
import dstutor.kit.Node;
import dstutor.sim.CheckResult;
import dstutor.sim.Delay;
import dstutor.sim.Determinism;
import dstutor.sim.Fault;
import dstutor.sim.ForwardingContext;
import dstutor.sim.History;
import dstutor.sim.LinearizabilityChecker;
import dstutor.sim.Nemesis;
import dstutor.sim.Op;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for the leader-follower exercise. Every simulated property runs the learner's
 * replicas in the deterministic simulator over many seeds; a failing seed is shrunk to the fewest
 * faults, clients and milliseconds that fail for the same reason, and shown as a timeline.
 *
 * <p>The suite wraps every replica in a spy (and the Context it sees, and the store it applies
 * to) and keeps its own model of the run: the leader's log as the brief's rules build it, the
 * highest log end each follower's acknowledgements delivered to the leader showed, and from
 * those, which index a majority holds (the commit point). Every "expected" in a message comes
 * from that model, never from an earlier answer of the learner's. All properties are exact (no
 * thresholds): the catch-up bound follows from the brief's rules, and a correct replica that
 * draws more or fewer random numbers sees the same network (LeaderFollowerCalibrationTest).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class LeaderFollowerSuite {
  private static final long INTERVAL = 20;
  /** The longest a message takes, unless it is held back (slow). */
  private static final long MAX_DELAY = 10;
  private static final long HORIZON = 600;
  private static final long LONG_HORIZON = 10_000;
  /** How long a client waits for an answer before it gives up (the write's outcome unknown). */
  private static final long CLIENT_WAIT = 200;
  private static final int CLIENTS = 4;
  private static final int SEEDS = 60;
  /** Property 4: faults end by then. */
  private static final long HEAL = 300;
  private static final List<String> KEYS = List.of("k1", "k2", "k3");
  private static final Delay DELAY = Delay.uniform(1, MAX_DELAY);

  private static final SimConfig FAULTY = SimConfig.reliable().withDelay(DELAY).withDrop(0.05)
      .withDuplicate(0.05).withSlow(0.05, 80);
  /** Replicas disagree a lot: Appends arrive late, twice and out of order. */
  private static final SimConfig DISAGREE = SimConfig.reliable().withDelay(DELAY).withDrop(0.1)
      .withDuplicate(0.2).withSlow(0.25, 80);
  /** Acknowledgements duplicated and reordered, a few lost. */
  private static final SimConfig ACKS = SimConfig.reliable().withDelay(DELAY).withDrop(0.02)
      .withDuplicate(0.2).withSlow(0.1, 60);
  /** Property 4: nothing lost or held back, so that the catch-up bound holds. */
  private static final SimConfig CLEAN = SimConfig.reliable().withDelay(DELAY)
      .withDuplicate(0.1);
  /** Property 6: many Appends in flight while the leader's log grows. */
  private static final SimConfig IN_FLIGHT = SimConfig.reliable().withDelay(DELAY)
      .withDuplicate(0.1).withSlow(0.3, 40);

  // ---- the reasons a run fails, each with the hint rung about it ----

  private static final String ALIASED = "message changed after it was sent";
  private static final String FOLLOWER_LEADS = "follower sent what only the leader sends";
  private static final String NOT_APPENDED = "Put not appended as the next entry";
  private static final String BAD_APPEND = "Append not the leader's entries";
  private static final String DIVERGED = "follower log not a prefix of the leader's";
  private static final String APPLY_ORDER = "applied out of order";
  private static final String APPLY_WRONG = "applied an entry not the leader's";
  private static final String APPLY_LAG = "applied entries differ from commitIndex()";
  private static final String UNTRUE_ACK = "AppendAck not the log's length";
  private static final String EARLY_ACK = "answered before commit";
  private static final String EARLY_COMMIT = "committed before a majority held it";
  private static final String BACKWARDS = "commit index went down";
  private static final String LATE_ACK = "committed but answered late";
  private static final String NEVER_ANSWERED = "committed but never answered";
  private static final String ANSWER_LOST = "answer went to another request";
  private static final String NOT_REDIRECTED = "follower did not redirect";
  private static final String WRONG_LEADER = "redirected to the wrong node";
  private static final String LEADER_REDIRECTED = "leader redirected";
  private static final String GET_LATE = "Get not answered at once";
  private static final String DIRTY_READ = "Get not answered from the store";
  private static final String UNKNOWN_REQUEST = "answered a request it did not get";
  private static final String TWICE = "answered twice";
  private static final String HEARTBEAT = "follower sent no Append for an interval";
  private static final String CATCH_UP = "follower did not catch up in time";
  private static final String PUT_LATE = "Put not answered in time after healing";
  private static final String NOT_LINEARIZABLE = "not linearizable";

  private static final String THROUGH = "write-through-the-leader";
  private static final String ORDER = "one-order";
  private static final String COUNTS = "when-a-write-counts";
  private static final String CATCHING_UP = "catching-up";
  private static final String OWN = "own-your-state";

  private static final Map<String, String> HINTS = Map.ofEntries(
      Map.entry(ALIASED, OWN),
      Map.entry(FOLLOWER_LEADS, THROUGH),
      Map.entry(NOT_APPENDED, ORDER),
      Map.entry(BAD_APPEND, ORDER),
      Map.entry(DIVERGED, ORDER),
      Map.entry(APPLY_ORDER, ORDER),
      Map.entry(APPLY_WRONG, ORDER),
      Map.entry(APPLY_LAG, ORDER),
      Map.entry(UNTRUE_ACK, COUNTS),
      Map.entry(EARLY_ACK, COUNTS),
      Map.entry(EARLY_COMMIT, COUNTS),
      Map.entry(BACKWARDS, COUNTS),
      Map.entry(LATE_ACK, COUNTS),
      Map.entry(NEVER_ANSWERED, COUNTS),
      Map.entry(ANSWER_LOST, THROUGH),
      Map.entry(NOT_REDIRECTED, THROUGH),
      Map.entry(WRONG_LEADER, THROUGH),
      Map.entry(LEADER_REDIRECTED, THROUGH),
      Map.entry(GET_LATE, THROUGH),
      Map.entry(DIRTY_READ, THROUGH),
      Map.entry(UNKNOWN_REQUEST, THROUGH),
      Map.entry(TWICE, THROUGH),
      Map.entry(HEARTBEAT, CATCHING_UP),
      Map.entry(CATCH_UP, CATCHING_UP),
      Map.entry(PUT_LATE, CATCHING_UP),
      Map.entry(NOT_LINEARIZABLE, THROUGH));

  /**
   * Root causes: when one of these broke, what follows from it (a late commit, a follower
   * that never catches up) is not what the learner should look at first, so every property
   * reports them before its own.
   */
  private static final List<String> ROOTS = List.of(ALIASED, FOLLOWER_LEADS, NOT_APPENDED,
      BAD_APPEND, DIVERGED, APPLY_ORDER, APPLY_WRONG, UNTRUE_ACK);
  private static final List<String> LINEARIZING = roots(NOT_LINEARIZABLE);
  private static final List<String> ORDERING = roots(BACKWARDS, APPLY_LAG);
  private static final List<String> COMMITTING = roots(EARLY_ACK, EARLY_COMMIT, BACKWARDS,
      APPLY_LAG, LATE_ACK, NEVER_ANSWERED, ANSWER_LOST);
  private static final List<String> ANSWERS = roots(NOT_REDIRECTED, WRONG_LEADER,
      LEADER_REDIRECTED, GET_LATE, DIRTY_READ, UNKNOWN_REQUEST, TWICE, ANSWER_LOST);
  private static final List<String> CATCHING = roots(HEARTBEAT, CATCH_UP, PUT_LATE);
  /** Every reason but those that need a fault-free end (property 4), root causes first. */
  private static final List<String> EVERYTHING = List.of(ALIASED, FOLLOWER_LEADS, NOT_APPENDED,
      BAD_APPEND, DIVERGED, APPLY_ORDER, APPLY_WRONG, UNTRUE_ACK, EARLY_ACK, EARLY_COMMIT, BACKWARDS,
      APPLY_LAG, LATE_ACK, NOT_REDIRECTED, WRONG_LEADER, LEADER_REDIRECTED, GET_LATE,
      DIRTY_READ, UNKNOWN_REQUEST, TWICE, ANSWER_LOST, NEVER_ANSWERED, HEARTBEAT, NOT_LINEARIZABLE);

  private static List<String> roots(String... own) {
    List<String> all = new ArrayList<>(ROOTS);
    all.addAll(List.of(own));
    return List.copyOf(all);
  }

  /** N replicas n1..nN, the leader, and the leader's interval. */
  private record Shape(int n, String leader, long interval) {
    List<String> replicas() {
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        ids.add("n" + i);
      }
      return ids;
    }

    int majority() {
      return n / 2 + 1;
    }

    @Override
    public String toString() {
      return "N=" + n + " (" + (n == 1 ? "n1" : "n1.." + "n" + n) + ", a majority is "
          + majority() + "), leader " + leader + ", interval " + interval + " ms";
    }
  }

  private static final Shape[] SHAPES = {
    new Shape(3, "n1", INTERVAL), new Shape(5, "n2", INTERVAL), new Shape(1, "n1", INTERVAL),
    new Shape(2, "n2", INTERVAL), new Shape(4, "n1", INTERVAL), new Shape(3, "n3", INTERVAL),
    new Shape(5, "n5", INTERVAL), new Shape(4, "n3", INTERVAL), new Shape(2, "n1", INTERVAL)
  };

  // ---- the suite's model of one run ----

  /** Something the run showed that the brief forbids. */
  private record Violation(String reason, long time, String text, Map<Integer, String> marks,
      Set<String> nodes) {}

  /** One client request: one message from a client to one replica. */
  private static final class Request {
    final String client;
    final long id;
    final int op;
    final boolean put;
    final String key;
    final String value;
    final String target;
    final long sentAt;
    long receivedAt = -1;
    /** For a Put the leader received: the index of its entry. */
    long index = -1;
    int answers;
    String firstAnswer;
    /** When it was committed without being answered in that call, or -1. */
    long missedAt = -1;
    /** Who held its entry then. */
    String heldThen = "";

    Request(String client, long id, int op, boolean put, String key, String value, String target,
        long sentAt) {
      this.client = client;
      this.id = id;
      this.op = op;
      this.put = put;
      this.key = key;
      this.value = value;
      this.target = target;
      this.sentAt = sentAt;
    }

    String call() {
      return put ? "put(" + key + ", " + value + ")" : "get(" + key + ")";
    }

    /** "put(k1, c1.3) from c1 (request 3, to n2)". */
    String describe() {
      return call() + " from " + client + " (request " + id + ", sent to " + target + ")";
    }
  }

  /** A call into a replica as messages show it, built only when a message needs it. */
  private record CallText(String method, String from, Object argument) {
    @Override
    public String toString() {
      if (method.equals("start")) {
        return "start()";
      }
      return method + "(" + (from == null ? "" : from + ", ") + show(argument) + ")";
    }
  }

  /** The run: the simulation, the model, and what the spies saw. */
  private static final class Run {
    final Simulation sim;
    final Shape shape;
    final List<String> replicas;
    final List<String> followers;
    final String leader;
    final Map<String, Request> requests = new HashMap<>();
    /** The leader's log as the rules build it: one entry per Put the leader received. */
    final List<LeaderFollowerProtocol.Entry> leaderLog = new ArrayList<>();
    final List<Long> appendedAt = new ArrayList<>();
    /** Per follower, the highest logEnd its AppendAcks delivered to the leader showed. */
    final Map<String, Long> acked = new HashMap<>();
    final Map<String, Long> ackedAt = new HashMap<>();
    /** The highest index a majority holds: leader plus followers by {@link #acked}. */
    long committed;
    long committedAt = -1;
    /** Puts the leader holds that are not committed yet, by index. */
    final TreeMap<Long, Request> waiting = new TreeMap<>();
    /** Puts committed but not answered in the call that committed them. */
    final List<Request> missed = new ArrayList<>();
    final Map<String, Violation> violations = new LinkedHashMap<>();
    /** What each Append carried when it was sent, by the message's identity. */
    final Map<Object, List<LeaderFollowerProtocol.Entry>> sentEntries = new IdentityHashMap<>();
    /** When the leader last sent each follower an Append. */
    final Map<String, Long> lastAppend = new HashMap<>();
    /** Property 4: when the last fault ended, or -1; and the catch-up bound. */
    long healedAt = -1;
    long bound;
    /** Every protocol message sent, when comparing two runs; else null. */
    SendLog log;
    boolean finished;

    Run(Simulation sim, Shape shape) {
      this.sim = sim;
      this.shape = shape;
      this.replicas = shape.replicas();
      this.leader = shape.leader();
      List<String> f = new ArrayList<>(replicas);
      f.remove(leader);
      this.followers = List.copyOf(f);
      for (String id : followers) {
        acked.put(id, 0L);
      }
    }

    boolean isReplica(String id) {
      return replicas.contains(id);
    }

    boolean isFollower(String id) {
      return !id.equals(leader) && replicas.contains(id);
    }

    boolean isClient(String id) {
      return id.startsWith("c");
    }

    void logged(String from, String to, Object message) {
      if (log != null && message != null
          && message.getClass().getEnclosingClass() == LeaderFollowerProtocol.class) {
        log.add(sim.now(), from, to, message);
      }
    }

    /** Keeps the earliest violation of each reason, and flags it on the timeline. */
    void flag(String reason, String node, String text, Request r, String mark,
        String... involved) {
      Violation old = violations.get(reason);
      long now = sim.now();
      if (old != null && old.time() <= now) {
        return;
      }
      Map<Integer, String> marks = new LinkedHashMap<>();
      Set<String> nodes = new LinkedHashSet<>();
      nodes.add(node);
      nodes.addAll(List.of(involved));
      if (r != null) {
        nodes.add(r.client);
        nodes.add(r.target);
        if (r.op >= 0) {
          marks.put(r.op, mark);
        }
      }
      violations.put(reason, new Violation(reason, now, text, marks, nodes));
      sim.flag(node, r == null ? mark : r.call() + " from " + r.client + ": " + mark);
    }

    // -- the commit point --

    /** The replicas that hold index i by the model: the leader, and followers by their acks. */
    List<String> holders(long i) {
      List<String> h = new ArrayList<>();
      if (i <= leaderLog.size()) {
        h.add(leader);
      }
      for (String f : followers) {
        if (acked.get(f) >= i) {
          h.add(f);
        }
      }
      return h;
    }

    /** "held only by n1 and n3 (n3 acknowledged it at 41 ms); N=5 needs 3". */
    String heldText(long i) {
      List<String> h = holders(i);
      StringBuilder b = new StringBuilder("held only by ").append(and(h));
      List<String> acks = new ArrayList<>();
      for (String f : h) {
        if (!f.equals(leader)) {
          acks.add(f + " at " + ackedAt.get(f) + " ms");
        }
      }
      b.append(acks.isEmpty() ? " (no follower had acknowledged it)"
          : " (acknowledged by " + String.join(", ", acks) + ")");
      return b.append("; with N=").append(shape.n()).append(" a majority is ")
          .append(shape.majority()).toString();
    }

    void recomputeCommit() {
      List<Long> held = new ArrayList<>();
      held.add((long) leaderLog.size());
      for (String f : followers) {
        held.add(Math.min(acked.get(f), leaderLog.size()));
      }
      held.sort(Collections.reverseOrder());
      long c = held.get(shape.majority() - 1);
      if (c > committed) {
        committed = c;
        committedAt = sim.now();
      }
    }

    /** An AppendAck from follower f reached the leader (before the leader's code sees it). */
    void ackDelivered(String f, long logEnd) {
      if (logEnd > acked.get(f)) {
        acked.put(f, logEnd);
        ackedAt.put(f, sim.now());
        recomputeCommit();
      }
    }

    /** The leader received a Put (before its code sees it): the rules add one entry. */
    void putReceived(LeaderFollowerProtocol.Put p, Request r) {
      long index = leaderLog.size() + 1;
      leaderLog.add(new LeaderFollowerProtocol.Entry(index, p.key(), p.value()));
      appendedAt.add(sim.now());
      if (r != null) {
        r.index = index;
        waiting.put(index, r);
      }
      recomputeCommit(); // N = 1: the leader alone is a majority
    }

    /** After every leader call: Puts committed by now must have been answered in it. */
    void leaderCallEnded() {
      while (!waiting.isEmpty() && waiting.firstKey() <= committed) {
        Request r = waiting.pollFirstEntry().getValue();
        if (r.answers == 0) {
          r.missedAt = sim.now();
          r.heldThen = and(holders(r.index));
          missed.add(r);
        }
      }
    }

    // -- answers to clients --

    /** Replica {@code from} sent {@code message} to client {@code to}. */
    void answered(ReplicaSpy spy, String to, Object message) {
      String from = spy.id;
      long id;
      String kind = message.getClass().getSimpleName();
      if (message instanceof LeaderFollowerProtocol.PutOk m) {
        id = m.requestId();
      } else if (message instanceof LeaderFollowerProtocol.GetOk m) {
        id = m.requestId();
      } else if (message instanceof LeaderFollowerProtocol.Redirect m) {
        id = m.requestId();
      } else {
        return;
      }
      long now = sim.now();
      String text = kind + "(" + id + ", ...) to " + to + " at " + now + " ms";
      Request r = requests.get(to + "/" + id);
      if (r == null || !r.target.equals(from)) {
        flag(UNKNOWN_REQUEST, from, from + " sent " + text + ", but " + to
            + (r == null ? " never sent a request " + id
            : " sent its request " + id + " (" + r.call() + ") to " + r.target + ", not to "
            + from) + ". Answer the node a request came from (from in onMessage), with the "
            + "requestId it sent; two clients use the same request ids.", null,
            from + " answered a request it never got", to);
        return;
      }
      r.answers++;
      if (r.answers == 2) {
        flag(TWICE, from, r.describe() + " was answered twice: " + r.firstAnswer + ", then "
            + text + ". Every request gets exactly one answer.", r, "answered twice");
        return;
      }
      if (r.answers > 2) {
        return;
      }
      r.firstAnswer = text;
      boolean fromLeader = from.equals(leader);
      if (message instanceof LeaderFollowerProtocol.Redirect rd) {
        if (fromLeader) {
          flag(LEADER_REDIRECTED, from, from + " is the leader, but it answered " + r.describe()
              + " with Redirect(" + id + ", " + rd.leader() + ") at " + now + " ms. The "
              + "leader serves Puts and Gets itself; only followers redirect.", r,
              "the leader redirected");
        } else if (!leader.equals(rd.leader())) {
          flag(WRONG_LEADER, from, from + " answered " + r.describe() + " with Redirect(" + id
              + ", " + rd.leader() + ") at " + now + " ms, but the leader is " + leader
              + " (the constructor's leader argument). Redirect clients to the leader you were "
              + "given, whichever replica it is.", r, "redirected to " + rd.leader());
        }
        return;
      }
      if (!fromLeader) {
        flag(NOT_REDIRECTED, from, from + " is a follower, but it answered " + r.describe()
            + " with " + kind + " at " + now + " ms. A follower's store may lag the leader's, "
            + "and a write it took would not be in the leader's order: answer every Put and "
            + "Get with Redirect(requestId, " + leader + ").", r, "answered by a follower");
        return;
      }
      boolean isPutOk = message instanceof LeaderFollowerProtocol.PutOk;
      if (isPutOk != r.put) {
        flag(UNKNOWN_REQUEST, from, from + " answered " + r.describe() + " with " + kind
            + " at " + now + " ms: a Put is answered PutOk, a Get GetOk.", r,
            "answered with " + kind);
        return;
      }
      if (!isPutOk) {
        String value = ((LeaderFollowerProtocol.GetOk) message).value();
        String held = spy.store.values.get(r.key);
        if (!Objects.equals(value, held)) {
          String where = "";
          for (LeaderFollowerProtocol.Entry e : leaderLog) {
            if (e.key().equals(r.key) && Objects.equals(e.value(), value)) {
              where = "; " + value + " is entry " + e.index() + ", " + (e.index() <= committed
                  ? "committed but not applied" : heldText(e.index()));
            }
          }
          flag(DIRTY_READ, from, from + " answered " + r.describe() + " with GetOk(" + id
              + ", " + value + ") at " + now + " ms, but its store then held " + held + " for "
              + r.key + " (" + (spy.store.last == 0 ? "no entry" : "entries 1 to "
              + spy.store.last) + " applied" + where + "). Answer a Get from the "
              + "store, which holds the committed writes: an entry in the log that is not "
              + "committed yet may still be lost if the leader fails.", r,
              "GetOk(" + value + "), the store held " + held);
        }
        return;
      }
      if (r.index < 0) {
        return;
      }
      if (r.index > committed) {
        flag(EARLY_ACK, from, from + " answered PutOk for " + r.describe() + " at " + now
            + " ms; its entry " + r.index + " was " + heldText(r.index) + ". Had " + leader
            + " crashed at that moment, the write would have been lost although " + r.client
            + " was told it was done. Answer a Put only once a majority holds its entry.", r,
            "PutOk before a majority held entry " + r.index);
      } else if (r.missedAt >= 0) {
        flag(LATE_ACK, from, r.describe() + " was answered PutOk only at " + now + " ms, but "
            + "its entry " + r.index + " was committed at " + r.missedAt + " ms (held by "
            + r.heldThen + "). Answer a Put in the very call in which its entry "
            + "becomes committed.", r, "committed at " + r.missedAt + " ms, answered at "
            + now + " ms");
      }
      waiting.remove(r.index);
    }

    /** After the call that received request r at a replica: was it answered in that call? */
    void requestHandled(String at, Request r, List<Object> forwarded) {
      if (r.answers > 0) {
        return;
      }
      long now = sim.now();
      if (!at.equals(leader)) {
        flag(NOT_REDIRECTED, at, at + " is a follower; it received " + r.describe() + " at "
            + now + " ms and answered nothing in that call"
            + (forwarded.isEmpty() ? "" : " (it sent " + show(forwarded.get(0)) + " to "
            + leader + " instead)") + ". Answer Redirect(" + r.id + ", " + leader + ") to "
            + r.client + " at once: the client then asks the leader itself.", r,
            "not redirected");
      } else if (!r.put) {
        flag(GET_LATE, at, at + " is the leader; it received " + r.describe() + " at " + now
            + " ms and did not answer it in that call. Answer a Get at once with "
            + "GetOk(requestId, store.get(key)).", r, "no GetOk at once");
      }
    }

    // -- property 4: catching up --

    /**
     * When the last fault of this run ended (the last heal or restart that fired), from the
     * run's own faults: a shrunk run may have lost the heal at 300 ms, or some crashes. -1 if a
     * partition is still in place (the property says nothing then).
     */
    long lastFaultEnded() {
      long ended = 0;
      long cut = -1;
      long healed = -1;
      for (Fault.Fired f : sim.fired()) {
        Fault x = f.fault();
        if (x instanceof Fault.Partition || x instanceof Fault.Block) {
          cut = f.time();
        } else if (x instanceof Fault.Heal) {
          healed = f.time();
          ended = Math.max(ended, f.time());
        } else if (x instanceof Fault.Restart) {
          ended = Math.max(ended, f.time());
        }
      }
      return cut > healed ? -1 : ended;
    }

    /** At time now: followers have applied what the leader held bound ms ago; Puts answered. */
    void catchUpProbe() {
      long now = sim.now();
      long cutoff = now - bound;
      healedAt = lastFaultEnded();
      if (healedAt < 0 || cutoff < healedAt) {
        return;
      }
      int needed = 0;
      while (needed < appendedAt.size() && appendedAt.get(needed) <= cutoff) {
        needed++;
      }
      if (needed > 0) {
        for (String f : followers) {
          Node n = sim.node(f);
          if (!(n instanceof ReplicaSpy spy)) {
            continue;
          }
          if (spy.store.last < needed) {
            flag(CATCH_UP, f, "At " + now + " ms " + f + " had applied "
                + (spy.store.last == 0 ? "no entry" : "entries 1 to " + spy.store.last)
                + ", but the leader held " + entries(needed) + " at " + cutoff + " ms. The last "
                + "fault ended at " + healedAt + " ms (partitions healed, crashed followers back"
                + " up) and no message was lost or held back after it, so every follower must "
                + "apply what the leader held at time t by max(t, " + healedAt + ") + "
                + bound + " ms (3 x interval + 6 x " + MAX_DELAY + " ms). The leader must keep "
                + "sending every follower an Append every interval, each with every entry after"
                + " nextIndex - 1, and move nextIndex back to logEnd + 1 when an AppendAck "
                + "shows the follower is behind.", null, f + " is behind", leader);
          }
        }
      }
      // Puts committed but unanswered are another reason's (LATE_ACK, NEVER_ANSWERED)
      for (Request r : waiting.values()) {
        if (r.answers == 0 && r.receivedAt >= 0
            && Math.max(r.receivedAt, healedAt) + bound < now) {
          flag(PUT_LATE, leader, r.describe() + " reached the leader at " + r.receivedAt
              + " ms and had no answer by " + now + " ms. The last fault ended at " + healedAt
              + " ms and no message was lost or held back after it, so the followers' "
              + "acknowledgements must commit it within " + bound + " ms of max(arrival, "
              + healedAt + " ms): the leader sends every follower an Append every interval, "
              + "with every entry after nextIndex - 1.", r, "not answered in time");
        }
      }
    }

    /** After the run: committed Puts never answered, and the leader's last Appends. */
    void finish() {
      if (finished) {
        return;
      }
      finished = true;
      long end = sim.now();
      for (Request r : missed) {
        if (r.answers > 0) {
          continue;
        }
        Request twin = null;
        for (Request o : requests.values()) {
          // another client's Put with the same id reached the leader while r waited, and
          // was answered: the leader mixed the two up
          if (o != r && o.put && o.id == r.id && !o.client.equals(r.client)
              && o.target.equals(leader) && o.answers > 0 && o.receivedAt > r.receivedAt
              && o.receivedAt <= r.missedAt) {
            twin = o;
          }
        }
        String text = r.describe() + " became entry " + r.index + ", committed at "
            + r.missedAt + " ms (held by " + r.heldThen + "), and was never "
            + "answered (the run ended at " + end + " ms).";
        if (twin != null) {
          flag(ANSWER_LOST, leader, text + " " + twin.describe() + " has the same request id "
              + "and reached the leader too. Remember each waiting Put by its client and "
              + "its request id together: each client numbers its own requests.", r,
              "never answered");
        } else {
          flag(NEVER_ANSWERED, leader, text + " Answer a Put with PutOk in the call in which "
              + "its entry becomes committed" + (shape.n() == 1 ? " (with N=1, the leader "
              + "alone is a majority: the call that received the Put)" : "") + ".", r,
              "never answered");
        }
      }
      for (String f : followers) {
        long last = lastAppend.getOrDefault(f, sim.upSince(leader));
        if (end - last > shape.interval() && sim.upSince(leader) >= 0) {
          flag(HEARTBEAT, leader, heartbeatText(f, last, end, true), null,
              "no Append to " + f + " since " + last + " ms", f);
        }
      }
    }

    String heartbeatText(String f, long last, long now, boolean end) {
      return "The leader " + leader + " sent " + f + " no Append from " + last + " ms to "
          + now + " ms" + (end ? " (the end of the run)" : "") + ", longer than the interval of "
          + shape.interval() + " ms. Send every follower an Append at least every interval, "
          + "down or cut off ones too (you cannot tell): from a timer set again each time it "
          + "fires, measured with ctx.setTimer and ctx.now(), never System.currentTimeMillis()."
          + " A follower that missed entries gets them only from the next Append.";
    }

    /** The first violation for {@code reason}, or null. */
    Violation first(String reason) {
      if (reason.equals(NOT_LINEARIZABLE)) {
        CheckResult c = new LinearizabilityChecker().check(sim.history().ops());
        if (!c.isViolation()) {
          return null;
        }
        Set<String> nodes = new LinkedHashSet<>();
        for (int op : c.marks().keySet()) {
          nodes.add(sim.history().get(op).process());
        }
        return new Violation(NOT_LINEARIZABLE, 0, "The clients' history is not linearizable: "
            + c.explanation() + " A replica serves a read linearizably only if it is the "
            + "leader and has applied every write it acknowledged: followers redirect every "
            + "Get and Put, and the leader applies an entry before it answers its Put.",
            c.marks(), nodes);
      }
      return violations.get(reason);
    }
  }

  // ---- spies ----

  /** The store the suite hands a replica: checks every apply against the model. */
  private static final class Recorder implements KvStateMachine {
    final Run run;
    final String id;
    final Map<String, String> values = new HashMap<>();
    long last;

    Recorder(Run run, String id) {
      this.run = run;
      this.id = id;
    }

    @Override
    public void apply(LeaderFollowerProtocol.Entry e) {
      long now = run.sim.now();
      if (e == null) {
        run.flag(APPLY_ORDER, id, id + " applied null at " + now + " ms.", null,
            id + " applied null");
        return;
      }
      if (e.index() != last + 1) {
        run.flag(APPLY_ORDER, id, id + " applied " + show(e) + " at " + now + " ms, after "
            + (last == 0 ? "applying nothing" : "entries 1 to " + last) + ": "
            + (e.index() <= last ? "index " + e.index() + " a second time"
            : "it skipped " + (e.index() - 1 == last + 1 ? "index " + (last + 1)
            : "indexes " + (last + 1) + " to " + (e.index() - 1))) + ". Apply each index "
            + "exactly once, in order, with a counter of your own (lastApplied): never from "
            + "an Append's list, which may arrive twice or late.", null,
            id + " applied entry " + e.index() + " after " + last);
      } else if (e.index() <= run.leaderLog.size()
          && !e.equals(run.leaderLog.get((int) e.index() - 1))) {
        run.flag(APPLY_WRONG, id, id + " applied " + show(e) + " at " + now + " ms, but the "
            + "leader's entry " + e.index() + " is " + show(run.leaderLog.get((int) e.index()
            - 1)) + ". Every replica applies the leader's entries in the leader's order.",
            null, id + " applied an entry not the leader's", run.leader);
      }
      if (e.index() > run.committed) {
        run.flag(EARLY_COMMIT, id, id + " applied " + show(e) + " at " + now + " ms, when "
            + "entry " + e.index() + " was " + run.heldText(e.index()) + ". Apply (and "
            + "count as committed) only entries a majority holds.", null,
            id + " applied uncommitted entry " + e.index(), run.leader);
      }
      last = Math.max(last, e.index());
      values.put(e.key(), e.value());
    }

    @Override
    public String get(String key) {
      return values.get(key);
    }
  }

  /** Watches one incarnation of a learner's replica. */
  private static final class ReplicaSpy implements Node {
    final Run run;
    final String id;
    final boolean leader;
    final ReplicatedKvNode inner;
    final Recorder store;
    final List<Object[]> sent = new ArrayList<>();
    long lastCommit;
    /** How much of this follower's log has been compared with the leader's. */
    int verified;

    ReplicaSpy(Run run, String id, ReplicatedKvNode inner, Recorder store) {
      this.run = run;
      this.id = id;
      this.leader = id.equals(run.leader);
      this.inner = inner;
      this.store = store;
    }

    @Override
    public void start(Context ctx) {
      sent.clear();
      if (leader) {
        for (String f : run.followers) {
          run.lastAppend.put(f, run.sim.now());
        }
      }
      // The simulator's own context, with every send shown to this spy first.
      inner.start(ForwardingContext.tapping(ctx, this::sending));
      ended("start", null, null);
    }

    /** A send of the learner's node, before the simulator takes it. */
    void sending(String to, Object message) {
      sent.add(new Object[] {to, message});
      if (message instanceof LeaderFollowerProtocol.Append a && leader
          && run.isFollower(to)) {
        appendSent(to, a);
      } else {
        run.logged(id, to, message);
      }
      if (!leader && !run.isClient(to)
          && !(message instanceof LeaderFollowerProtocol.AppendAck && to.equals(run.leader))) {
        if (message instanceof LeaderFollowerProtocol.Put
            || message instanceof LeaderFollowerProtocol.Get) {
          run.flag(NOT_REDIRECTED, id, id + " is a follower, but it passed a client's request "
              + "on: it sent " + to + " " + show(message) + " at " + run.sim.now() + " ms. A "
              + "follower answers Redirect(requestId, " + run.leader + ") and does nothing else "
              + "with the request: the client then asks the leader itself, and gets its answer "
              + "from it.", null, id + " passed a request on", to);
        } else {
          run.flag(FOLLOWER_LEADS, id, id + " is a follower, but it sent " + to + " "
              + show(message) + " at " + run.sim.now() + " ms. Only the leader (" + run.leader
              + ") replicates: a follower sends AppendAcks to the leader and Redirects to "
              + "clients, and nothing else, or followers would copy a log that is not the "
              + "leader's.", null, id + " acted as a leader", to);
        }
      }
      if (run.isClient(to)) {
        run.answered(this, to, message);
      }
    }

    private void appendSent(String to, LeaderFollowerProtocol.Append a) {
      long now = run.sim.now();
      List<LeaderFollowerProtocol.Entry> snapshot;
      try {
        snapshot = a.entries() == null ? null : new ArrayList<>(a.entries());
      } catch (RuntimeException e) {
        snapshot = null;
      }
      run.sentEntries.put(a, snapshot);
      if (run.log != null) {
        run.logged(id, to, new LeaderFollowerProtocol.Append(a.prevIndex(), snapshot,
            a.commitIndex()));
      }
      long last = run.lastAppend.getOrDefault(to, now);
      if (now - last > run.shape.interval()) {
        run.flag(HEARTBEAT, id, run.heartbeatText(to, last, now, false), null,
            "no Append to " + to + " from " + last + " ms to " + now + " ms", to);
      }
      run.lastAppend.put(to, now);
      if (a.commitIndex() > run.committed) {
        run.flag(EARLY_COMMIT, id, id + " sent " + to + " " + show(a) + " at " + now
            + " ms, with commit index " + a.commitIndex() + ", when entry " + a.commitIndex()
            + " was " + run.heldText(a.commitIndex()) + ". An entry is committed only once a"
            + " majority holds it; a follower applies what the leader says is committed.",
            null, "commitIndex " + a.commitIndex() + " before a majority held it", to);
      }
      String bad = null;
      if (snapshot == null) {
        bad = "its entries list is null";
      } else if (a.prevIndex() < 0 || a.prevIndex() > run.leaderLog.size()) {
        bad = "its prevIndex " + a.prevIndex() + " is outside the leader's log (entries 1 to "
            + run.leaderLog.size() + ")";
      } else {
        for (int i = 0; i < snapshot.size() && bad == null; i++) {
          long index = a.prevIndex() + 1 + i;
          LeaderFollowerProtocol.Entry want = index <= run.leaderLog.size()
              ? run.leaderLog.get((int) index - 1) : null;
          if (!Objects.equals(snapshot.get(i), want)) {
            bad = "its entry " + (i + 1) + " (after prevIndex " + a.prevIndex() + ") is "
                + show(snapshot.get(i)) + ", where the leader's entry " + index + " is "
                + (want == null ? "none" : show(want));
          }
        }
        if (bad == null && a.prevIndex() + snapshot.size() < run.leaderLog.size()) {
          bad = "it carries entries up to " + (a.prevIndex() + snapshot.size()) + " only, "
              + "while the leader's log ends at " + run.leaderLog.size();
        }
      }
      if (bad != null) {
        run.flag(BAD_APPEND, id, id + " sent " + to + " " + show(a) + " at " + now + " ms, "
            + "but " + bad + ". An Append carries prevIndex = nextIndex - 1 and all the "
            + "leader's entries after it, in order.", null, "a malformed Append", to);
      }
    }

    @Override
    public void onMessage(String from, Object message) {
      sent.clear();
      Request req = null;
      if (run.isClient(from) && message instanceof LeaderFollowerProtocol.Put p) {
        req = run.requests.get(from + "/" + p.requestId());
      } else if (run.isClient(from) && message instanceof LeaderFollowerProtocol.Get g) {
        req = run.requests.get(from + "/" + g.requestId());
      }
      if (req != null) {
        req.receivedAt = run.sim.now();
      }
      if (leader && message instanceof LeaderFollowerProtocol.Put p) {
        run.putReceived(p, req);
      } else if (leader && message instanceof LeaderFollowerProtocol.AppendAck a
          && run.isFollower(from)) {
        run.ackDelivered(from, a.logEnd());
      } else if (!leader && message instanceof LeaderFollowerProtocol.Append a) {
        arrived(from, a);
      }
      inner.onMessage(from, message);
      if (req != null) {
        List<Object> forwarded = new ArrayList<>();
        for (Object[] s : sent) {
          if (!run.isClient((String) s[0])) {
            forwarded.add(s[1]);
          }
        }
        run.requestHandled(id, req, forwarded);
      }
      if (leader && message instanceof LeaderFollowerProtocol.Put p) {
        checkAppended(p);
      }
      ended("onMessage", from, message);
    }

    /** A follower: the Append that arrives must carry what it carried when it was sent. */
    private void arrived(String from, LeaderFollowerProtocol.Append a) {
      if (!run.sentEntries.containsKey(a)) {
        return;
      }
      List<LeaderFollowerProtocol.Entry> then = run.sentEntries.get(a);
      String now;
      try {
        now = a.entries() == null ? "null" : show(new ArrayList<>(a.entries()));
        if (Objects.equals(then, a.entries() == null ? null : new ArrayList<>(a.entries()))) {
          return;
        }
      } catch (RuntimeException e) {
        now = "a list that throws " + e.getClass().getSimpleName() + " when read (a view of a"
            + " list that changed, such as a subList of a list that grew)";
      }
      run.flag(ALIASED, id, from + " sent " + id + " an Append(prevIndex " + a.prevIndex()
          + ", ..., commitIndex " + a.commitIndex() + ") whose entries were " + show(then)
          + " when it was sent; when it arrived at " + run.sim.now() + " ms they were " + now
          + ". The list was changed after sending: the message holds the very list you gave "
          + "it. Send List.copyOf(...) of the entries, never your log, a subList view of it, "
          + "or a list you refill later. (The timeline shows every Append with its list as it "
          + "is at the end of the run, which is why they look alike.)", null,
          "the Append changed in flight", from);
    }

    /** The leader appended the Put it just received as Entry(log length + 1, key, value). */
    private void checkAppended(LeaderFollowerProtocol.Put p) {
      List<LeaderFollowerProtocol.Entry> l = inner.log();
      LeaderFollowerProtocol.Entry want = run.leaderLog.get(run.leaderLog.size() - 1);
      LeaderFollowerProtocol.Entry got = l == null || l.isEmpty() ? null : l.get(l.size() - 1);
      if (l == null || l.size() != run.leaderLog.size() || !want.equals(got)) {
        run.flag(NOT_APPENDED, id, "The leader " + id + " received Put(" + p.requestId() + ", "
            + p.key() + ", " + p.value() + ") at " + run.sim.now() + " ms, its Put number "
            + want.index() + ", so its log should end with " + show(want) + "; after that call "
            + "log() " + (l == null ? "was null" : "had " + entries(l.size())
            + (got == null ? "" : ", the last " + show(got))) + ". Append each Put to the "
            + "leader's log as Entry(log length + 1, key, value) in the call that receives "
            + "it: that index is its place in the one order every replica follows.", null,
            "Put not appended as entry " + want.index());
      }
    }

    @Override
    public void onTimer(Object tag) {
      sent.clear();
      inner.onTimer(tag);
      ended("onTimer", null, tag);
    }

    /** After every call: the rules about commitIndex(), what was applied, acks, the log. */
    private void ended(String method, String from, Object argument) {
      CallText call = new CallText(method, from, argument);
      long now = run.sim.now();
      if (leader) {
        run.leaderCallEnded();
      } else {
        for (Object[] s : sent) {
          if (s[1] instanceof LeaderFollowerProtocol.AppendAck a) {
            checkAck(a, call);
          }
        }
      }
      long c = inner.commitIndex();
      if (c < lastCommit) {
        run.flag(BACKWARDS, id, id + "'s commitIndex() went from " + lastCommit + " down to "
            + c + " at " + now + " ms, in " + call + ". A commit index never goes down: "
            + "raise it only when the new value is higher (a late or duplicated "
            + (leader ? "AppendAck, or one from a follower that restarted with a shorter log,"
            : "Append with a lower commit index") + " changes nothing).", null,
            id + " commitIndex " + lastCommit + " -> " + c);
      }
      lastCommit = Math.max(lastCommit, c);
      if (c > run.committed) {
        run.flag(EARLY_COMMIT, id, id + "'s commitIndex() was " + c + " at the end of " + call
            + " at " + now + " ms, when entry " + c + " was " + run.heldText(c) + ". An entry "
            + "is committed only once a majority holds it.", null,
            id + " commitIndex " + c + " too early", run.leader);
      }
      if (store.last != c) {
        run.flag(APPLY_LAG, id, "At the end of " + call + " at " + now + " ms, " + id
            + "'s commitIndex() was " + c + " but it had applied "
            + (store.last == 0 ? "no entry" : "entries 1 to " + store.last) + ". At the end "
            + "of every call a replica has applied exactly entries 1 to commitIndex(): apply "
            + "the newly committed entries in the call that commits them.", null,
            id + " applied " + store.last + ", commitIndex " + c);
      }
    }

    /** A follower's AppendAck(logEnd) must say how long its log is; its log, the leader's. */
    private void checkAck(LeaderFollowerProtocol.AppendAck a, CallText call) {
      List<LeaderFollowerProtocol.Entry> l = inner.log();
      long now = run.sim.now();
      int size = l == null ? 0 : l.size();
      if (a.logEnd() != size) {
        run.flag(UNTRUE_ACK, id, id + " answered AppendAck(" + a.logEnd() + ") in " + call
            + " at " + now + " ms, but its log() then held " + entries(size) + ". Acknowledge "
            + "your log's real length, gap or not: the leader counts the follower as holding "
            + "every entry up to logEnd" + (a.logEnd() > size ? ", and would commit entries "
            + "this follower does not have" : ", and sends it again what it already has")
            + ".", null, id + " acknowledged " + a.logEnd() + " holding " + size, run.leader);
      }
      if (size < verified) {
        verified = size;
      }
      for (int i = verified; i < size; i++) {
        LeaderFollowerProtocol.Entry want = i < run.leaderLog.size() ? run.leaderLog.get(i)
            : null;
        if (!Objects.equals(l.get(i), want)) {
          run.flag(DIVERGED, id, "After " + call + " at " + now + " ms, " + id + "'s log() had "
              + show(l.get(i)) + " at position " + (i + 1) + ", where the leader's entry "
              + (i + 1) + " is " + (want == null ? "none (its log has " + entries(run.leaderLog.size())
              + ")" : show(want)) + ". A follower places an entry only right after "
              + "its last one (index == log length + 1): it skips entries it already holds "
              + "and appends nothing after a gap (prevIndex beyond its log's end).", null,
              id + "'s entry " + (i + 1) + " is not the leader's", run.leader);
          return;
        }
      }
      verified = size;
    }
  }

  /** A client that sends each request to a random replica, and follows redirects. */
  private static final class LfClient implements Node {
    private static final Object NEXT = "next";
    private final Run run;
    private final long think;
    private Context ctx;
    private String name;
    private int index;
    private int current = -1;
    private long sentId;
    private long nextId;
    private int redirects;
    private long timer;
    private boolean put;
    private String key;
    private String value;

    LfClient(Run run, long think) {
      this.run = run;
      this.think = think;
    }

    @Override
    public void start(Context c) {
      this.ctx = c;
      this.name = c.id();
      if (!run.sim.plan().idle().contains(name)) {
        ctx.setTimer(ctx.random().nextLong(think + 1), NEXT);
      }
    }

    private void send(String to) {
      long id = ++nextId;
      sentId = id;
      run.requests.put(name + "/" + id, new Request(name, id, current, put, key, value, to,
          run.sim.now()));
      ctx.send(to, put ? new LeaderFollowerProtocol.Put(id, key, value)
          : new LeaderFollowerProtocol.Get(id, key));
    }

    @Override
    public void onTimer(Object tag) {
      if (tag == NEXT) {
        RandomGenerator rng = ctx.random();
        put = rng.nextBoolean();
        key = KEYS.get(rng.nextInt(KEYS.size()));
        value = put ? name + "." + (++index) : null;
        History h = run.sim.history();
        current = h.invoke(name, put ? Op.Kind.WRITE : Op.Kind.READ, key, value,
            run.sim.now());
        redirects = 0;
        send(run.replicas.get(rng.nextInt(run.replicas.size())));
        timer = ctx.setTimer(CLIENT_WAIT, current);
      } else if (tag instanceof Integer op && op == current) {
        run.sim.history().unknown(current, "no answer within " + CLIENT_WAIT + " ms",
            run.sim.now());
        done();
      }
    }

    private void done() {
      current = -1;
      ctx.setTimer(ctx.random().nextLong(think + 1), NEXT);
    }

    @Override
    public void onMessage(String from, Object m) {
      if (current < 0) {
        return;
      }
      History h = run.sim.history();
      if (m instanceof LeaderFollowerProtocol.Redirect r && r.requestId() == sentId) {
        if (run.isReplica(r.leader()) && ++redirects <= 2) {
          send(r.leader());
          return;
        }
        h.unknown(current, "redirected to " + r.leader(), run.sim.now());
      } else if (m instanceof LeaderFollowerProtocol.PutOk r && r.requestId() == sentId
          && put) {
        h.ok(current, null, run.sim.now());
      } else if (m instanceof LeaderFollowerProtocol.GetOk r && r.requestId() == sentId
          && !put) {
        h.ok(current, r.value(), run.sim.now());
      } else {
        return;
      }
      ctx.cancelTimer(timer);
      done();
    }
  }

  // ---- building and judging runs ----

  /**
   * Replicas of {@code shape}, all watched by spies, and four clients that pause up to
   * {@code think} ms between requests.
   */
  private static Run cluster(RunPlan plan, SimConfig net, Shape shape, long think) {
    Simulation sim = new Simulation(plan, net);
    Run run = new Run(sim, shape);
    List<String> replicas = shape.replicas();
    for (String id : run.replicas) {
      sim.addNode(id, () -> {
        Recorder store = new Recorder(run, id);
        return new ReplicaSpy(run, id, new ReplicatedKvNode(replicas, shape.leader(),
            shape.interval(), store), store);
      });
    }
    for (int i = 1; i <= CLIENTS; i++) {
      sim.addClient("c" + i, new LfClient(run, think));
    }
    return run;
  }

  /** Runs {@code run} to its horizon and judges it: the first of {@code reasons} that broke. */
  private static Outcome judge(Run run, List<String> reasons) {
    try {
      run.sim.run();
    } catch (SimulationException e) {
      // A violation seen before the exception is its likely cause (an Append changed in flight
      // makes the follower's code throw): show that; else the exception.
      for (String reason : reasons) {
        Violation v = run.violations.get(reason);
        if (v != null) {
          return Outcome.failed(run.sim, reason, "With " + run.shape + ": " + v.text(),
              timeline(run.sim, v));
        }
      }
      Outcome o = Outcome.threw(e);
      return new Outcome("With " + run.shape + ": " + o.problem(), o.reason(), o.faults(),
          o.timeline(), o.error(), o.clients(), o.fingerprint(), o.trace());
    }
    run.finish();
    for (String reason : reasons) {
      Violation v = run.first(reason);
      if (v != null) {
        return Outcome.failed(run.sim, reason, "With " + run.shape + ": " + v.text(),
            timeline(run.sim, v));
      }
    }
    return Outcome.passed(run.sim);
  }

  /** The run, focused on the nodes the violation is about. */
  private static Timeline timeline(Simulation sim, Violation v) {
    Set<String> nodes = v.nodes();
    Set<String> keys = new HashSet<>();
    for (int op : v.marks().keySet()) {
      keys.add(sim.history().get(op).key());
    }
    return Timeline.of(sim.trace()).maxLines(70).marks(v.marks()).filter(e -> {
      switch (e.type()) {
        case CRASH:
        case RESTART:
        case NETWORK:
        case FLAG:
          return true;
        case CALL:
        case RETURN:
          return nodes.contains(e.node()) || (e.op() >= 0
              && keys.contains(sim.history().get(e.op()).key()));
        case DROP:
          if (e.note().contains("partitioned")) {
            return false; // its SEND line already says DROPPED
          }
          // fall through
        case SEND:
          // messages between the nodes concerned, and every message of a client concerned
          return nodes.contains(e.node()) && nodes.contains(e.peer())
              || e.node().startsWith("c") && nodes.contains(e.node())
              || e.peer().startsWith("c") && nodes.contains(e.peer());
        case LOG:
          return nodes.contains(e.node());
        default:
          return false;
      }
    });
  }

  /** Runs each seed's scenario; shrinks and reports the first failure, with its cause's hint. */
  private static void sweep(String property, int seeds, long horizon,
      LongFunction<Scenario> scenarioForSeed) {
    for (long seed : Seeds.sweep(seeds)) {
      Shrinker.Result r = Shrinker.firstFailure(scenarioForSeed.apply(seed), new long[] {seed},
          horizon);
      if (r != null) {
        throw Seeds.failure(seed, property + "\n" + r.report(), r.outcome().error(),
            HINTS.get(r.outcome().reason()));
      }
    }
  }

  private static Shape shape(long seed) {
    return SHAPES[(int) (seed % SHAPES.length)];
  }

  /** Followers crash and restart (up to a minority... or all of them), and a partition or two. */
  private static void followerFaults(Run run, long seed, long until, long downtime) {
    SplittableRandom rng = new SplittableRandom(seed * 0x9e3779b97f4a7c15L + 17);
    Nemesis.crashes(rng, run.followers, run.followers.size(), 0, until, downtime)
        .forEach(run.sim::schedule);
    Nemesis.partitions(rng, run.replicas, 2, 0, until, 150).forEach(run.sim::schedule);
  }

  /** Property 1: linearizable histories, under every kind of fault. */
  private static Scenario linearizable(long seed) {
    Shape shape = shape(seed);
    return plan -> {
      Run run = cluster(plan, FAULTY, shape, 20);
      followerFaults(run, plan.seed(), HORIZON - 100, 150);
      return judge(run, LINEARIZING);
    };
  }

  /** Property 2: one order, each index applied once, when replicas disagree a lot. */
  private static Scenario oneOrder(long seed) {
    Shape shape = shape(seed + 1);
    return plan -> {
      Run run = cluster(plan, DISAGREE, shape, 15);
      followerFaults(run, plan.seed(), HORIZON - 100, 100);
      return judge(run, ORDERING);
    };
  }

  /**
   * Property 3: the commit point. Some followers are down from the start and come back later,
   * or the leader is cut off from some for a while, so that the leader alone (or too few)
   * holds entries; acknowledgements arrive twice and out of order.
   */
  private static Scenario commitRule(long seed) {
    Shape shape = shape(seed + 2);
    return plan -> {
      Run run = cluster(plan, ACKS, shape, 15);
      SplittableRandom rng = new SplittableRandom(plan.seed() * 31 + 7);
      List<String> pool = new ArrayList<>(run.followers);
      int down = pool.isEmpty() ? 0 : rng.nextInt(pool.size() + 1);
      for (int i = 0; i < down; i++) {
        String f = pool.remove(rng.nextInt(pool.size()));
        run.sim.schedule(new Fault.Crash(0, f));
        if (rng.nextInt(3) > 0) {
          run.sim.schedule(new Fault.Restart(100 + rng.nextInt(300), f));
        }
      }
      if (!run.followers.isEmpty() && rng.nextBoolean()) {
        long at = rng.nextInt(200);
        run.sim.schedule(new Fault.Partition(at, List.of(run.leader)));
        run.sim.schedule(new Fault.Heal(at + 50 + rng.nextInt(150)));
      }
      return judge(run, COMMITTING);
    };
  }

  private static final long[] INTERVALS = {20, 5, 50};

  /** Property 4: catching up after partitions and restarts, within the stated bound. */
  private static Scenario catchUp(long seed) {
    Shape base = SHAPES[(int) ((seed + 3) % SHAPES.length)];
    Shape shape = new Shape(base.n(), base.leader(), INTERVALS[(int) (seed % INTERVALS.length)]);
    return plan -> {
      Run run = cluster(plan, CLEAN, shape, 15);
      SplittableRandom rng = new SplittableRandom(plan.seed() * 131 + 3);
      Nemesis.crashes(rng, run.followers, run.followers.size(), 0, HEAL - 100, 100)
          .forEach(run.sim::schedule);
      Nemesis.partitions(rng, run.replicas, 2, 0, HEAL - 150, 150)
          .forEach(run.sim::schedule);
      run.sim.schedule(new Fault.Heal(HEAL));
      run.bound = 3 * shape.interval() + 6 * MAX_DELAY;
      for (long t = HEAL + run.bound; t <= plan.horizon(); t++) {
        run.sim.at(t, run::catchUpProbe);
      }
      return judge(run, CATCHING);
    };
  }

  /** Property 5: followers redirect, the leader answers, one answer per request. */
  private static Scenario answers(long seed) {
    Shape shape = shape(seed + 5);
    return plan -> {
      Run run = cluster(plan, FAULTY, shape, 10);
      followerFaults(run, plan.seed(), HORIZON - 100, 150);
      return judge(run, ANSWERS);
    };
  }

  /** Property 6: Appends in flight while the leader's log grows. */
  private static Scenario values(long seed) {
    Shape base = shape(seed + 6);
    Shape shape = base.n() == 1 ? new Shape(3, "n2", INTERVAL) : base;
    return plan -> {
      Run run = cluster(plan, IN_FLIGHT, shape, 4);
      followerFaults(run, plan.seed(), HORIZON - 100, 100);
      return judge(run, List.of(ALIASED));
    };
  }

  private static final Shape[] LONG_SHAPES = {
    new Shape(5, "n3", 10), new Shape(3, "n1", 20), new Shape(4, "n2", 10)
  };

  /** Property 7: long runs, where logs reach the hundreds of entries. */
  private static Scenario longRun(long seed) {
    Shape shape = LONG_SHAPES[(int) (seed % LONG_SHAPES.length)];
    return plan -> {
      Run run = cluster(plan, FAULTY, shape, 20);
      SplittableRandom rng = new SplittableRandom(plan.seed() * 977 + 1);
      // followers crash one after another, each back within a second
      for (long t = 200; t < plan.horizon() - 500; t += 300 + rng.nextInt(500)) {
        String f = run.followers.get(rng.nextInt(run.followers.size()));
        run.sim.schedule(new Fault.Crash(t, f));
        run.sim.schedule(new Fault.Restart(t + 50 + rng.nextInt(900), f));
      }
      Nemesis.partitions(rng, run.replicas, 6, 0, plan.horizon() - 500, 400)
          .forEach(run.sim::schedule);
      return judge(run, EVERYTHING);
    };
  }

  /** For tests of the suite: the scenario property {@code property} runs for a seed. */
  static Scenario scenario(int property, long seed) {
    switch (property) {
      case 1:
        return linearizable(seed);
      case 2:
        return oneOrder(seed);
      case 3:
        return commitRule(seed);
      case 4:
        return catchUp(seed);
      case 5:
        return answers(seed);
      case 6:
        return values(seed);
      case 7:
        return longRun(seed);
      default:
        throw new IllegalArgumentException("no simulated property " + property);
    }
  }

  // ---- the properties ----

  @Test
  @Order(1)
  @DisplayName("histories are linearizable: followers redirect, the leader applies before it answers")
  @Hint(THROUGH)
  void historiesAreLinearizable() {
    sweep("The clients' history must be linearizable (dstutor.sim's checker): every read "
        + "returns the latest write that completed before it started, or a later one, despite "
        + "lost, late and duplicated messages, followers that crash and restart, and "
        + "partitions.", SEEDS, HORIZON, LeaderFollowerSuite::linearizable);
  }

  @Test
  @Order(2)
  @DisplayName("every replica applies the leader's entries in the leader's order, each once")
  @Hint(ORDER)
  void followersApplyTheLeadersOrder() {
    sweep("Every replica applies the leader's entries in the leader's order, each index once; "
        + "every follower's log is a prefix of the leader's; at the end of every call a "
        + "replica has applied exactly entries 1 to commitIndex(). Appends arrive late, twice "
        + "and out of order, and followers restart empty.", SEEDS, HORIZON,
        LeaderFollowerSuite::oneOrder);
  }

  @Test
  @Order(3)
  @DisplayName("an entry is committed only once a majority holds it, and answered in that call")
  @Hint(COUNTS)
  void committedOnlyOnceAMajorityHoldsIt() {
    sweep("An entry is committed (its Put answered, applied anywhere, sent as a commit index) "
        + "only once a majority of the replicas, the leader counted, holds it by the "
        + "acknowledgements the leader received; its Put is answered in that very call; "
        + "commitIndex() never goes down; an AppendAck tells the follower's log length. Some "
        + "followers are down or cut off, and acknowledgements arrive twice and out of "
        + "order.", SEEDS, HORIZON, LeaderFollowerSuite::commitRule);
  }

  @Test
  @Order(4)
  @DisplayName("a lagging or restarted follower catches up within 3 intervals + 6 delays")
  @Hint(CATCHING_UP)
  void laggingAndRestartedFollowersCatchUp() {
    sweep("Followers are cut off and crash (coming back empty) until " + HEAL + " ms; after "
        + "that nothing is lost or held back. Every follower must apply every entry the "
        + "leader held at time t by max(t, " + HEAL + " ms) + 3 x interval + 6 x " + MAX_DELAY
        + " ms, every Put must be answered by the same bound, and the leader must send every "
        + "follower an Append at least every interval.", SEEDS, 650,
        LeaderFollowerSuite::catchUp);
  }

  @Test
  @Order(5)
  @DisplayName("followers redirect clients to the leader; every request gets exactly one answer")
  @Hint(THROUGH)
  void followersRedirectAndEveryRequestGetsOneAnswer() {
    sweep("A follower answers every Put and Get with Redirect(requestId, leader) in the call "
        + "that received it, and nothing else; the leader answers every Get in the call that "
        + "received it; every request gets exactly one answer, from the node it was sent to.",
        SEEDS, HORIZON, LeaderFollowerSuite::answers);
  }

  @Test
  @Order(6)
  @DisplayName("messages are values: an Append carries the entries it was sent with")
  @Hint(OWN)
  void appendsAreValues() {
    sweep("An Append keeps the list it is given. The entries it carries when it arrives must "
        + "be those it carried when it was sent, while the leader's log keeps growing.", 30,
        HORIZON, LeaderFollowerSuite::values);
  }

  @Test
  @Order(7)
  @DisplayName("long runs: logs of hundreds of entries, followers restarting one after another")
  @Hint(ORDER)
  void longRuns() {
    sweep("Every property above, in runs of " + LONG_HORIZON + " ms with busy clients: logs "
        + "reach hundreds of entries, and followers crash and come back empty one after "
        + "another.", 3, LONG_HORIZON, LeaderFollowerSuite::longRun);
  }

  @Test
  @Order(8)
  @DisplayName("the constructor checks its arguments and copies the replicas; log() is a snapshot")
  @Hint(OWN)
  void argumentsAndSnapshots() {
    List<String> three = List.of("n1", "n2", "n3");
    Object[][] bad = {
      {List.of(), "n1", 20L}, {three, "n4", 20L}, {List.of("n1"), "n2", 20L},
      {three, "n1", 0L}, {three, "n2", -5L}
    };
    for (Object[] a : bad) {
      String call = construction(a);
      try {
        newNode(a);
      } catch (IllegalArgumentException expected) {
        continue;
      } catch (RuntimeException e) {
        throw Because.of(OWN, call + " threw " + e.getClass().getSimpleName() + "; expected "
            + "IllegalArgumentException: " + why(a) + ".", e);
      }
      throw Because.of(OWN, call + " returned; expected IllegalArgumentException: " + why(a)
          + ".");
    }
    Object[][] good = {
      {List.of("n1"), "n1", 1L}, {three, "n3", 20L}, {List.of("n1", "n2"), "n2", 5000L},
      {List.of("n1", "n2", "n3", "n4", "n5"), "n5", 20L}
    };
    for (Object[] a : good) {
      try {
        newNode(a);
      } catch (RuntimeException e) {
        throw Because.of(OWN, construction(a) + " threw " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ". These arguments are "
            + "valid: some replicas, the leader one of them, an interval of at least 1 ms.", e);
      }
    }
    // The caller's list: unchanged by the constructor, and free to change afterwards.
    List<String> mine = new ArrayList<>(List.of("n1", "n2", "n3"));
    FakeContext ctx = new FakeContext("n1");
    ReplicatedKvNode leader;
    try {
      leader = new ReplicatedKvNode(mine, "n1", 20, new MapStore());
    } catch (RuntimeException e) {
      throw Because.of(OWN, "new ReplicatedKvNode([n1, n2, n3] in an ArrayList, n1, 20, store)"
          + " threw " + e.getClass().getSimpleName() + "; these arguments are valid.", e);
    }
    if (!mine.equals(List.of("n1", "n2", "n3"))) {
      throw Because.of(OWN, "new ReplicatedKvNode(replicas, n1, 20, store) with replicas = "
          + "[n1, n2, n3] changed the caller's list to " + mine + ". Leave the caller's list "
          + "as it is; work on a copy of your own.");
    }
    mine.clear();
    mine.add("n9");
    String story = "After new ReplicatedKvNode(replicas, n1, 20, store) with replicas = [n1, n2,"
        + " n3], the caller changed its list to [n9]; then ";
    try {
      leader.start(ctx);
      ctx.fireTimers(leader, 3);
    } catch (RuntimeException e) {
      throw Because.of(OWN, story + "start(ctx) on n1 and its first timers threw "
          + e.getClass().getSimpleName() + ". Keep your own copy of the replicas "
          + "(List.copyOf): the caller may change or reuse its list.", e);
    }
    Set<String> to = ctx.appendsTo();
    if (!to.equals(Set.of("n2", "n3"))) {
      throw Because.of(OWN, story + "the leader n1, started and run for 3 intervals, sent "
          + "Appends to " + (to.isEmpty() ? "nobody" : to) + ", not to its followers n2 and n3."
          + " Keep your own copy of the replicas (List.copyOf): the caller may change or "
          + "reuse its list.");
    }
    snapshots();
  }

  /** log() hands out snapshots: kept ones do not change, changed ones do not change the node. */
  private static void snapshots() {
    FakeContext ctx = new FakeContext("n1");
    ReplicatedKvNode solo = new ReplicatedKvNode(List.of("n1"), "n1", 20, new MapStore());
    String story = "On a leader alone (new ReplicatedKvNode(List.of(\"n1\"), \"n1\", 20, store))"
        + " that received Put(1, k1, a) and Put(2, k2, b), ";
    List<LeaderFollowerProtocol.Entry> want = List.of(
        new LeaderFollowerProtocol.Entry(1, "k1", "a"),
        new LeaderFollowerProtocol.Entry(2, "k2", "b"));
    List<LeaderFollowerProtocol.Entry> kept;
    try {
      solo.start(ctx);
      solo.onMessage("c1", new LeaderFollowerProtocol.Put(1, "k1", "a"));
      solo.onMessage("c1", new LeaderFollowerProtocol.Put(2, "k2", "b"));
      kept = solo.log();
    } catch (RuntimeException e) {
      throw Because.of(OWN, story + "start, the two Puts or log() threw "
          + e.getClass().getSimpleName() + ".", e);
    }
    if (!want.equals(kept)) {
      throw Because.of(ORDER, story + "log() returned " + show(kept) + "; expected " + show(want)
          + ": each Put becomes Entry(log length + 1, key, value).");
    }
    try {
      solo.onMessage("c2", new LeaderFollowerProtocol.Put(1, "k3", "c"));
    } catch (RuntimeException e) {
      throw Because.of(OWN, story + "a third Put threw " + e.getClass().getSimpleName() + ".",
          e);
    }
    if (!want.equals(kept)) {
      throw Because.of(OWN, story + "the caller kept the list log() returned; after a third "
          + "Put, that list was " + show(kept) + ". Hand out a snapshot (List.copyOf), not "
          + "your list or a view of it: what the caller keeps must not change.");
    }
    List<LeaderFollowerProtocol.Entry> three = solo.log();
    try {
      three.clear();
    } catch (UnsupportedOperationException fine) {
      // an unmodifiable snapshot: also right
    }
    List<LeaderFollowerProtocol.Entry> after = solo.log();
    if (after == null || after.size() != 3) {
      throw Because.of(OWN, story + "and Put(1, k3, c) from c2, the caller cleared the list "
          + "log() returned; log() then returned " + show(after) + " instead of the replica's 3"
          + " entries. Hand out a snapshot (List.copyOf), never your own list.");
    }
  }

  private static ReplicatedKvNode newNode(Object[] a) {
    @SuppressWarnings("unchecked")
    List<String> replicas = (List<String>) a[0];
    return new ReplicatedKvNode(replicas, (String) a[1], (Long) a[2], new MapStore());
  }

  private static String construction(Object[] a) {
    return "new ReplicatedKvNode(" + a[0] + ", leader=" + a[1] + ", intervalMillis=" + a[2]
        + ", store)";
  }

  private static String why(Object[] a) {
    List<?> replicas = (List<?>) a[0];
    if (replicas.isEmpty()) {
      return "the replica list is empty";
    } else if (!replicas.contains(a[1])) {
      return "the leader " + a[1] + " is not one of the replicas";
    }
    return "intervalMillis < 1";
  }

  /** A store for the constructor checks. */
  private static final class MapStore implements KvStateMachine {
    private final Map<String, String> values = new HashMap<>();

    @Override
    public void apply(LeaderFollowerProtocol.Entry entry) {
      values.put(entry.key(), entry.value());
    }

    @Override
    public String get(String key) {
      return values.get(key);
    }
  }

  /** A Context of the suite's own: time stands still until timers are fired by hand. */
  private static final class FakeContext implements Context {
    private final String id;
    private final List<Object[]> sends = new ArrayList<>();
    private final TreeMap<Long, List<Object>> timers = new TreeMap<>();
    private long now;
    private long timerIds;

    FakeContext(String id) {
      this.id = id;
    }

    /** Fires the node's timers, in time order, up to {@code intervals} x 20 ms from now. */
    void fireTimers(ReplicatedKvNode node, int intervals) {
      long until = now + intervals * INTERVAL;
      while (!timers.isEmpty() && timers.firstKey() <= until) {
        Map.Entry<Long, List<Object>> e = timers.pollFirstEntry();
        now = e.getKey();
        for (Object tag : e.getValue()) {
          node.onTimer(tag);
        }
      }
    }

    Set<String> appendsTo() {
      Set<String> to = new TreeSet<>();
      for (Object[] s : sends) {
        if (s[1] instanceof LeaderFollowerProtocol.Append) {
          to.add((String) s[0]);
        }
      }
      return to;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public long now() {
      return now;
    }

    @Override
    public void send(String to, Object message) {
      sends.add(new Object[] {to, message});
    }

    @Override
    public long setTimer(long delayMillis, Object tag) {
      timers.computeIfAbsent(now + delayMillis, k -> new ArrayList<>()).add(tag);
      return ++timerIds;
    }

    @Override
    public void cancelTimer(long timerId) {}

    @Override
    public Disk disk() {
      throw new UnsupportedOperationException("the leader-follower exercise has no disk");
    }

    @Override
    public RandomGenerator random() {
      return new SplittableRandom(1);
    }

    @Override
    public void log(String text) {}
  }

  @Test
  @Order(9)
  @DisplayName("the same seed gives the same run (randomness and time only from the Context)")
  @Hint("determinism")
  void runsAreAFunctionOfTheirSeed() {
    for (long seed : Seeds.sweep(3)) {
      RunPlan plan = RunPlan.of(seed, HORIZON);
      String problem = Determinism.check(linearizable(seed), plan);
      if (problem == null) {
        problem = SendLog.firstDifference(logged(plan).log, logged(plan).log, "Your replicas"
            + " draw randomness or time from outside their Context (new Random(),"
            + " Math.random(), System.currentTimeMillis(), System.nanoTime()), or keep static"
            + " fields that outlive a run. Number entries from your log's length, and use"
            + " ctx.now() and ctx.random(): the simulator replays a run from its seed, and a"
            + " failure you cannot replay with --seed cannot be debugged.");
      }
      if (problem != null) {
        throw Seeds.failure(seed, "With " + shape(seed) + ": " + problem, null, "determinism");
      }
    }
  }

  /** Property 1's run of {@code plan}, with every protocol message the replicas sent logged. */
  private static Run logged(RunPlan plan) {
    Run run = cluster(plan, FAULTY, shape(plan.seed()), 20);
    followerFaults(run, plan.seed(), HORIZON - 100, 150);
    run.log = new SendLog(LeaderFollowerSuite::show);
    try {
      run.sim.run();
    } catch (SimulationException e) {
      // the other properties report it; up to here, the two runs can still be compared
    }
    return run;
  }

  // ---- text ----

  /** "1 entry", "3 entries". */
  private static String entries(long n) {
    return n + (n == 1 ? " entry" : " entries");
  }

  /** "n1", "n1 and n3", "n1, n2 and n3". */
  private static String and(List<String> ids) {
    if (ids.isEmpty()) {
      return "nobody";
    } else if (ids.size() == 1) {
      return ids.get(0);
    }
    return String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.get(ids.size() - 1);
  }

  /** Appends with their fields named; lists of more than six elements cut short. */
  private static final MessageText TEXT = MessageText.plain().with(m -> {
    if (m instanceof LeaderFollowerProtocol.Append a) {
      String entries;
      try {
        entries = show(a.entries());
      } catch (RuntimeException e) {
        entries = "(a list that throws " + e.getClass().getSimpleName() + ")";
      }
      return "Append(prevIndex " + a.prevIndex() + ", " + entries + ", commitIndex "
          + a.commitIndex() + ")";
    }
    return null;
  }).cuttingListsAt(6);

  /** A protocol message or value as messages show it. */
  private static String show(Object m) {
    return TEXT.show(m);
  }
}
