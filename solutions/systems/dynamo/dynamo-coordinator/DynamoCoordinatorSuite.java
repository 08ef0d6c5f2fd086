import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.MessageText;
import dstutor.grade.Seeds;
import dstutor.grade.SendLog;
import dstutor.kit.Context;
import dstutor.kit.Disk;
import dstutor.kit.Node;
import dstutor.sim.Delay;
import dstutor.sim.Determinism;
import dstutor.sim.Fault;
import dstutor.sim.ForwardingContext;
import dstutor.sim.Nemesis;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hidden suite for dynamo-coordinator. Every property runs the learner's coordinators and
 * storage nodes in the simulator over many seeds and keeps the suite's own model of the run:
 * what each storage node must hold (data and hints) after every message, which slots of each
 * request answered and when, which clock each put must get, which versions each GetOk must
 * carry. Every "expected" in a message comes from that model. A failing seed is shrunk to the
 * fewest faults and the shortest run that fail for the same reason.
 *
 * <p>The cluster: storage nodes n1..n5 (n1..n4 in some shapes), coordinators a, b, c, and
 * clients c1, c2, c3, each using its own coordinator. A client reads a random key, writes a
 * unique value with that read's context, pauses 0..20 ms and starts again. Fault runs: message
 * loss, duplicates and delays throughout, crashes with restarts and a partition before 600 ms,
 * the network healed and every storage node up at 700 ms (clients stop starting requests then),
 * and audit reads of every key at 1200 ms.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoCoordinatorSuite {
  private static final long STEP = DynamoProtocol.STEP_MILLIS;
  private static final long DEADLINE = DynamoProtocol.DEADLINE_MILLIS;
  private static final long HANDOFF = DynamoProtocol.HANDOFF_MILLIS;
  private static final long FAULTS_END = 600;
  private static final long HEAL = 700;
  private static final long AUDIT = 1200;
  private static final long HORIZON = 1300;
  private static final List<String> COORDS = List.of("a", "b", "c");
  private static final List<String> CLIENTS = List.of("c1", "c2", "c3");

  private static final SimConfig FAULTY = SimConfig.reliable().withDelay(Delay.uniform(1, 10))
      .withDrop(0.05).withDuplicate(0.05).withSlow(0.05, 80);
  /** Many answers come late: a slot's home and its stand-in both answer. */
  private static final SimConfig SLOW_NET = SimConfig.reliable()
      .withDelay(Delay.uniform(1, 10)).withSlow(0.3, 40).withDuplicate(0.3);
  private static final SimConfig TWICE_NET = SimConfig.reliable()
      .withDelay(Delay.uniform(1, 10)).withDuplicate(1.0);
  private static final SimConfig RELIABLE = SimConfig.reliable().withDelay(Delay.uniform(1, 10));

  // ---- the reasons a run fails, each with the hint rung about it ----

  private static final String DATA = "storage node kept the wrong versions";
  private static final String HINTS_KEPT = "storage node kept the wrong hints";
  private static final String NO_REPLY = "storage node did not answer";
  private static final String BAD_HANDOFF = "handoff of a hint the node does not hold";
  private static final String HANDOFF_EARLY = "hints offered too often";
  private static final String HINT_LEFT = "hint never handed off";
  private static final String CLOCK = "wrong clock";
  private static final String NOT_LATEST = "GetOk not the latest versions";
  private static final String START = "request not started on the home nodes";
  private static final String STEP_SENDS = "wrong stand-in step";
  private static final String MISSED_STEP = "silent slot not moved";
  private static final String REUSED = "opId reused";
  private static final String TOO_EARLY = "OK before its quorum";
  private static final String SLOW = "quorum reached but not answered";
  private static final String TWICE = "answered twice";
  private static final String EARLY_FAIL = "failed before its deadline";
  private static final String NO_ANSWER = "no answer by the deadline";
  private static final String UNKNOWN = "answer to an unknown request";
  private static final String UNAVAILABLE = "put failed although W nodes were up";
  private static final String LOST = "acknowledged version lost";

  private static final Map<String, String> HINTS = Map.ofEntries(
      Map.entry(DATA, "versions-and-clocks"),
      Map.entry(NO_REPLY, "versions-and-clocks"),
      Map.entry(CLOCK, "versions-and-clocks"),
      Map.entry(NOT_LATEST, "versions-and-clocks"),
      Map.entry(HINTS_KEPT, "hinted-handoff"),
      Map.entry(BAD_HANDOFF, "hinted-handoff"),
      Map.entry(HANDOFF_EARLY, "hinted-handoff"),
      Map.entry(HINT_LEFT, "hinted-handoff"),
      Map.entry(LOST, "hinted-handoff"),
      Map.entry(START, "sloppy-quorum"),
      Map.entry(STEP_SENDS, "sloppy-quorum"),
      Map.entry(MISSED_STEP, "sloppy-quorum"),
      Map.entry(UNAVAILABLE, "sloppy-quorum"),
      Map.entry(REUSED, "slots-not-nodes"),
      Map.entry(TOO_EARLY, "slots-not-nodes"),
      Map.entry(SLOW, "slots-not-nodes"),
      Map.entry(TWICE, "slots-not-nodes"),
      Map.entry(EARLY_FAIL, "slots-not-nodes"),
      Map.entry(NO_ANSWER, "slots-not-nodes"),
      Map.entry(UNKNOWN, "slots-not-nodes"));

  private static final List<String> STORAGE = List.of(DATA, HINTS_KEPT, NO_REPLY, BAD_HANDOFF);
  private static final List<String> HANDOFFS =
      List.of(HINTS_KEPT, BAD_HANDOFF, HANDOFF_EARLY, HINT_LEFT);
  private static final List<String> STEPS = List.of(START, STEP_SENDS, MISSED_STEP);
  private static final List<String> ANSWERS =
      List.of(REUSED, UNKNOWN, TOO_EARLY, TWICE, EARLY_FAIL, NO_ANSWER, SLOW);

  /** Ring size, N, R and W of one run. */
  private record Shape(int ring, int n, int r, int w) {
    @Override
    public String toString() {
      return "ring n1..n" + ring + ", N=" + n + ", R=" + r + ", W=" + w;
    }

    List<String> nodes() {
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= ring; i++) {
        ids.add("n" + i);
      }
      return ids;
    }
  }

  private static final Shape[] SHAPES = {
    new Shape(5, 3, 2, 2), new Shape(5, 3, 1, 3), new Shape(5, 3, 3, 1), new Shape(5, 3, 2, 1),
    new Shape(5, 2, 1, 2), new Shape(4, 1, 1, 1), new Shape(5, 4, 2, 3), new Shape(4, 3, 2, 2)
  };

  // ---- the suite's model of one run ----

  private record Violation(String reason, long time, String text, String key) {}

  /** One client request as its coordinator received it. */
  private static final class Req {
    final String coord;
    final String client;
    final long id;
    final boolean write;
    final String key;
    final String value;
    final Map<String, Long> context;
    final long start;
    final List<String> prefs;
    DynamoProtocol.Version expected;
    long opId = Long.MIN_VALUE;
    /** The nodes of each slot, in the order they joined it. */
    final List<List<String>> slots = new ArrayList<>();
    /** Per slot, when its first answer was delivered; -1 while silent. */
    long[] answeredAt;
    int used;
    final Map<Map<String, Long>, DynamoProtocol.Version> heard = new LinkedHashMap<>();
    final List<String> answeredBy = new ArrayList<>();
    int messages;
    long quorumAt = -1;
    long firstAnswerAt = -1;
    String firstAnswer;
    boolean ok;
    /** Step sends: time -> how many nodes joined slots then. */
    final Map<Long, Integer> moves = new TreeMap<>();

    Req(String coord, String client, long id, boolean write, String key, String value,
        Map<String, Long> context, long start, List<String> prefs) {
      this.coord = coord;
      this.client = client;
      this.id = id;
      this.write = write;
      this.key = key;
      this.value = value;
      this.context = context;
      this.start = start;
      this.prefs = prefs;
    }

    String describe() {
      return (write ? "put(" + key + ", " + value + ", context " + clock(context) + ")"
          : "get(" + key + ")") + " from " + client + " at " + coord + " (received at "
          + start + " ms)";
    }

    int answered() {
      int count = 0;
      for (long t : answeredAt) {
        count += t >= 0 ? 1 : 0;
      }
      return count;
    }

    int slotOf(String node) {
      for (int i = 0; i < slots.size(); i++) {
        if (slots.get(i).contains(node)) {
          return i;
        }
      }
      return -1;
    }
  }

  /** What one storage node must hold, by the rules: it survives crashes, as the store does. */
  private static final class Held {
    final Map<String, Set<DynamoProtocol.Version>> data = new TreeMap<>();
    final Set<DynamoProtocol.Hint> hints = new LinkedHashSet<>();
    long lastOffer = -1;

    /** Applies the keeping rule; returns what the data of the key must be now. */
    Set<DynamoProtocol.Version> keep(String key, DynamoProtocol.Version v) {
      Set<DynamoProtocol.Version> held = data.computeIfAbsent(key, k -> new LinkedHashSet<>());
      for (DynamoProtocol.Version u : held) {
        if (covers(u.clock(), v.clock())) {
          return held;
        }
      }
      held.removeIf(u -> covers(v.clock(), u.clock()));
      held.add(v);
      return held;
    }
  }

  /** A message a spied node sent during its current call. */
  private record Sent(String to, Object message) {}

  private static final class Run {
    final Simulation sim;
    final Shape shape;
    final List<String> ring;
    final boolean faulty;
    final Map<String, DynamoStore> stores = new HashMap<>();
    final Map<String, Held> held = new HashMap<>();
    final Map<String, Long> puts = new HashMap<>();
    final Map<String, Req> requests = new LinkedHashMap<>();
    final Map<String, Req> byOp = new HashMap<>();
    /** Acknowledged puts per key, with the time of their PutOk. */
    final Map<String, List<Req>> acked = new HashMap<>();
    final List<Violation> violations = new ArrayList<>();
    final List<Sent> sends = new ArrayList<>();
    SendLog log;
    boolean finished;
    boolean ran;
    SimulationException threw;

    Run(Simulation sim, Shape shape, boolean faulty) {
      this.sim = sim;
      this.shape = shape;
      this.ring = shape.nodes();
      this.faulty = faulty;
      for (String id : ring) {
        stores.put(id, new DynamoStore());
        held.put(id, new Held());
      }
    }

    void flag(String reason, String node, String key, String text) {
      violations.add(new Violation(reason, sim.now(), text, key));
      sim.flag(node, reason);
    }

    void logged(String from, String to, Object m) {
      if (log != null) {
        log.add(sim.now(), from, to, String.valueOf(m)); // as it was when sent
      }
    }

    // -- the coordinator side --

    void received(String coord, String client, Object m) {
      Req r;
      if (m instanceof DynamoProtocol.Put p) {
        r = new Req(coord, client, p.requestId(), true, p.key(), p.value(), p.context(),
            sim.now(), DynamoProtocol.preferenceList(p.key(), ring));
        Map<String, Long> clock = new HashMap<>(p.context());
        clock.put(coord, puts.merge(coord, 1L, Long::sum));
        r.expected = new DynamoProtocol.Version(p.value(), clock);
      } else {
        DynamoProtocol.Get g = (DynamoProtocol.Get) m;
        r = new Req(coord, client, g.requestId(), false, g.key(), null, Map.of(), sim.now(),
            DynamoProtocol.preferenceList(g.key(), ring));
      }
      r.answeredAt = new long[shape.n()];
      java.util.Arrays.fill(r.answeredAt, -1);
      requests.put(coord + "/" + r.id, r);
      // the sends of the call that received it: one Store or Fetch to each home node
      List<String> homes = r.prefs.subList(0, shape.n());
      List<String> got = new ArrayList<>();
      for (Sent s : sends) {
        Long op = opOf(s.message());
        if (op == null) {
          continue;
        }
        if (r.opId == Long.MIN_VALUE) {
          r.opId = op;
          Req other = byOp.get(coord + "/" + op);
          if (other != null) {
            flag(REUSED, coord, r.key, r.describe() + " was sent with opId " + op + ", which "
                + other.describe() + " already used. Give every request an opId of its own: a "
                + "late answer to the old request would count for the new one.");
          }
          byOp.put(coord + "/" + op, r);
        }
        String problem = null;
        if (op != r.opId) {
          problem = "two opIds (" + r.opId + " and " + op + ")";
        } else if (r.write && s.message() instanceof DynamoProtocol.Store st) {
          if (!r.key.equals(st.key()) || st.hintFor() != null) {
            problem = "Store(" + op + ", " + st.key() + ", ..., hintFor " + st.hintFor()
                + ") to " + s.to();
          } else if (!r.expected.equals(st.version())) {
            flag(CLOCK, coord, r.key, r.describe() + " was sent to the storage nodes as "
                + text(st.version()) + ". By the clock rule it is " + text(r.expected)
                + ": the context " + clock(r.context) + " with " + coord + "'s entry set to "
                + r.expected.clock().get(coord) + ", because it is the "
                + r.expected.clock().get(coord) + ordinal(r.expected.clock().get(coord))
                + " put " + coord + " handled (over all keys).");
            problem = "";
          }
        } else if (!r.write && s.message() instanceof DynamoProtocol.Fetch f) {
          if (!r.key.equals(f.key())) {
            problem = "Fetch(" + op + ", " + f.key() + ") to " + s.to();
          }
        } else {
          problem = s.message().getClass().getSimpleName() + " to " + s.to();
        }
        if (problem != null && !problem.isEmpty()) {
          flag(START, coord, r.key, r.describe() + ": in the call that received it, "
              + coord + " sent " + problem + ". A " + (r.write ? "put" : "get") + " starts "
              + "with one " + (r.write ? "Store(opId, key, version, null)" : "Fetch(opId, key)")
              + " to each of the key's " + shape.n() + " home nodes " + homes + ".");
        }
        got.add(s.to());
      }
      if (!new HashSet<>(got).equals(new HashSet<>(homes)) || got.size() != homes.size()) {
        flag(START, coord, r.key, r.describe() + ": in the call that received it, " + coord
            + " sent " + (r.write ? "Stores" : "Fetches") + " to " + got + ". The key's home "
            + "nodes, the first N=" + shape.n() + " of its preference list " + r.prefs + ", are "
            + homes + ": a request starts on exactly those, one message each.");
      }
      for (String h : homes) {
        List<String> slot = new ArrayList<>();
        slot.add(h);
        r.slots.add(slot);
      }
      r.used = shape.n();
    }

    /** An answer from storage node {@code from} reached {@code coord}. */
    Req delivered(String coord, String from, long opId, List<DynamoProtocol.Version> versions,
        boolean stored) {
      Req r = byOp.get(coord + "/" + opId);
      if (r == null || r.write != stored) {
        return null;
      }
      int slot = r.slotOf(from);
      if (slot < 0) {
        return null;
      }
      if (r.firstAnswerAt < 0) {
        r.messages++;
        if (r.answeredAt[slot] < 0) {
          r.answeredAt[slot] = sim.now();
        }
        r.answeredBy.add(from + " (slot of " + r.prefs.get(slot) + ") at " + sim.now() + " ms");
        if (versions != null) {
          for (DynamoProtocol.Version v : versions) {
            r.heard.putIfAbsent(v.clock(), v);
          }
        }
      }
      return r;
    }

    void afterAnswerCall(Req r) {
      if (r.quorumAt < 0 && r.firstAnswerAt < 0 && r.answered() >= need(r)) {
        r.quorumAt = sim.now();
      }
    }

    int need(Req r) {
      return r.write ? shape.w() : shape.r();
    }

    String needText(Req r) {
      return r.write ? "W=" + shape.w() : "R=" + shape.r();
    }

    /** Store and Fetch messages sent in a call that did not receive a request: steps. */
    void stepSends(String coord, boolean timerCall) {
      Map<Req, List<Sent>> per = new LinkedHashMap<>();
      for (Sent s : sends) {
        Long op = opOf(s.message());
        if (op == null) {
          continue;
        }
        Req r = byOp.get(coord + "/" + op);
        if (r == null) {
          flag(STEP_SENDS, coord, null, coord + " sent " + render(s.message()) + " to " + s.to()
              + " at " + sim.now() + " ms, for no request it had started.");
          continue;
        }
        per.computeIfAbsent(r, x -> new ArrayList<>()).add(s);
      }
      for (Map.Entry<Req, List<Sent>> e : per.entrySet()) {
        step(coord, e.getKey(), e.getValue(), timerCall);
      }
    }

    private void step(String coord, Req r, List<Sent> sent, boolean timerCall) {
      long now = sim.now();
      long since = now - r.start;
      String kind = r.write ? "Store" : "Fetch";
      if (!timerCall || since % STEP != 0 || since < STEP || since >= DEADLINE
          || r.firstAnswerAt >= 0) {
        flag(STEP_SENDS, coord, r.key, r.describe() + ": " + coord + " sent " + kind + "s to "
            + targets(sent) + " at " + now + " ms (" + since + " ms after the request"
            + (r.firstAnswerAt >= 0 ? ", which was already answered" : "") + "). A request "
            + "moves silent slots to stand-ins only at 25, 50 and 75 ms after it arrived, in "
            + "a timer call, while it is not answered; answers never trigger a send.");
        return;
      }
      // silent for sure: no answer delivered before this millisecond
      List<Integer> sure = new ArrayList<>();
      List<Integer> maybe = new ArrayList<>();
      for (int i = 0; i < r.slots.size(); i++) {
        if (r.answeredAt[i] < 0) {
          sure.add(i);
        } else if (r.answeredAt[i] == now) {
          maybe.add(i);
        }
      }
      int left = Math.max(0, r.prefs.size() - r.used);
      List<String> expectNodes = r.prefs.subList(Math.min(r.used, r.prefs.size()),
          Math.min(r.prefs.size(), r.used + sent.size()));
      List<String> nodes = targets(sent);
      String problem = null;
      if (sent.size() > left || !nodes.equals(expectNodes)) {
        problem = "the next unused nodes of the preference list " + r.prefs + " are "
            + r.prefs.subList(Math.min(r.used, r.prefs.size()), r.prefs.size())
            + " (in that order; " + Math.min(r.used, r.prefs.size())
            + " already used), so " + sent.size() + " move(s) go to " + expectNodes;
      } else if (sent.size() > sure.size() + maybe.size()) {
        problem = "only " + (sure.size() + maybe.size()) + " slot(s) had no answer: "
            + silentText(r, now);
      } else if (sent.size() < Math.min(left, sure.size())) {
        problem = "slots " + homesOf(r, sure) + " had no answer, and " + left
            + " unused node(s) were left, so " + Math.min(left, sure.size()) + " move(s)";
      } else {
        // which slots moved: the silent ones in slot order (a Store names its slot)
        List<Integer> order = new ArrayList<>(sure);
        order.addAll(maybe);
        order.sort(null);
        int k = 0;
        for (Sent s : sent) {
          int slot;
          if (s.message() instanceof DynamoProtocol.Store st) {
            slot = r.prefs.subList(0, shape.n()).indexOf(st.hintFor());
            boolean fine = st.version() != null && st.version().equals(r.expected)
                && r.key.equals(st.key());
            if (slot < 0 || !order.contains(slot) || !fine) {
              problem = "Store(" + st.opId() + ", " + st.key() + ", " + text(st.version())
                  + ", hintFor " + st.hintFor() + ") to " + s.to() + " should carry "
                  + text(r.expected) + " and name in hintFor the home node of a silent slot: "
                  + silentText(r, now);
              break;
            }
          } else if (order.isEmpty()) {
            break;
          } else {
            slot = order.get(Math.min(k, order.size() - 1));
          }
          k++;
          r.slots.get(slot).add(s.to());
        }
        if (problem == null && r.write) {
          List<Integer> moved = new ArrayList<>();
          for (Sent s : sent) {
            moved.add(r.prefs.subList(0, shape.n())
                .indexOf(((DynamoProtocol.Store) s.message()).hintFor()));
          }
          List<Integer> sorted = new ArrayList<>(moved);
          sorted.sort(null);
          if (!moved.equals(sorted) || new HashSet<>(moved).size() != moved.size()) {
            problem = "the slots move once each, in slot order; the hints named " + moved
                .stream().map(i -> r.prefs.get(i)).toList();
          } else if (moved.size() < sure.size() && left > moved.size()) {
            problem = "every silent slot moves";
          } else {
            for (int i = 0; i < moved.size() && problem == null; i++) {
              if (i < sure.size() && maybe.isEmpty() && moved.get(i) != sure.get(i)) {
                problem = "the first silent slots, in slot order, are " + homesOf(r, sure);
              }
            }
          }
        }
      }
      r.used += sent.size();
      r.moves.merge(now, sent.size(), Integer::sum);
      if (problem != null) {
        flag(STEP_SENDS, coord, r.key, r.describe() + ": at " + now + " ms (" + since
            + " ms after the request) " + coord + " sent " + show(sent) + ". But " + problem
            + ". At each step, every slot with no answer yet moves on to the next node of the "
            + "preference list this request has not used, in slot order; a Store there names "
            + "the slot's home node in hintFor.");
      }
    }

    String silentText(Req r, long now) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < r.slots.size(); i++) {
        parts.add("slot of " + r.prefs.get(i) + " (nodes " + r.slots.get(i) + "): "
            + (r.answeredAt[i] < 0 ? "no answer" : "answered at " + r.answeredAt[i] + " ms"));
      }
      return String.join("; ", parts);
    }

    List<String> homesOf(Req r, List<Integer> slots) {
      return slots.stream().map(r.prefs::get).toList();
    }

    /** The coordinator sent {@code m} to {@code to}: if it is an answer, judge it. */
    void answered(String coord, String to, Object m) {
      long id;
      boolean ok;
      boolean write;
      if (m instanceof DynamoProtocol.PutOk p) {
        id = p.requestId();
        ok = true;
        write = true;
      } else if (m instanceof DynamoProtocol.PutFailed p) {
        id = p.requestId();
        ok = false;
        write = true;
      } else if (m instanceof DynamoProtocol.GetOk g) {
        id = g.requestId();
        ok = true;
        write = false;
      } else if (m instanceof DynamoProtocol.GetFailed g) {
        id = g.requestId();
        ok = false;
        write = false;
      } else {
        return;
      }
      long now = sim.now();
      Req r = requests.get(coord + "/" + id);
      if (r == null || !r.client.equals(to) || r.write != write) {
        flag(UNKNOWN, coord, null, coord + " sent " + render(m) + " to " + to + " at " + now
            + " ms, "
            + "but " + to + " sent " + coord + " no " + (write ? "Put" : "Get") + " with "
            + "request id " + id + ". Answer the node a request came from, with its "
            + "requestId, and a put with PutOk or PutFailed, a get with GetOk or GetFailed.");
        return;
      }
      String shown = m.getClass().getSimpleName() + " at " + now + " ms";
      if (r.firstAnswerAt >= 0) {
        flag(TWICE, coord, r.key, r.describe() + " was answered twice: " + r.firstAnswer
            + ", then " + shown + ". Every request gets exactly one answer; forget a request "
            + "once it is answered, OK or failed.");
        return;
      }
      r.firstAnswerAt = now;
      r.firstAnswer = shown;
      r.ok = ok;
      if (ok) {
        if (r.answered() < need(r)) {
          flag(TOO_EARLY, coord, r.key, r.describe() + " was answered " + shown + " after "
              + (r.answeredBy.isEmpty() ? "no answer" : "answers from "
              + String.join(", ", r.answeredBy)) + ": " + r.answered() + " distinct slot(s) "
              + "had answered, and " + needText(r) + " needs " + need(r) + ". Count slots: "
              + "a duplicated message, or a home node and its stand-in, are one slot.");
        } else if (m instanceof DynamoProtocol.PutOk p) {
          if (!p.clock().equals(r.expected.clock())) {
            flag(CLOCK, coord, r.key, r.describe() + " was answered PutOk with clock "
                + clock(p.clock()) + "; the new version's clock is "
                + clock(r.expected.clock()) + ".");
          }
          acked.computeIfAbsent(r.key, k -> new ArrayList<>()).add(r);
        } else if (m instanceof DynamoProtocol.GetOk g) {
          judgeGet(r, g);
        }
      } else if (now != r.start + DEADLINE) {
        flag(now < r.start + DEADLINE ? EARLY_FAIL : NO_ANSWER, coord, r.key, r.describe()
            + " was answered " + shown + ", but its deadline is " + (r.start + DEADLINE)
            + " ms, exactly " + DEADLINE + " ms after it arrived. Fail a request at its "
            + "deadline, not before and not after.");
      }
    }

    private void judgeGet(Req r, DynamoProtocol.GetOk g) {
      List<DynamoProtocol.Version> latest = latest(r.heard.values());
      Map<String, Long> context = new TreeMap<>();
      for (DynamoProtocol.Version v : latest) {
        v.clock().forEach((x, c) -> context.merge(x, c, Math::max));
      }
      boolean sameSet = new HashSet<>(g.versions()).equals(new HashSet<>(latest))
          && g.versions().size() == latest.size();
      if (!sameSet || !g.context().equals(context)) {
        List<String> heard = new ArrayList<>();
        r.heard.values().forEach(v -> heard.add(text(v)));
        flag(NOT_LATEST, r.coord, r.key, r.describe() + " was answered GetOk(versions "
            + texts(g.versions()) + ", context " + clock(g.context()) + "). The answers it "
            + "had held the versions " + (heard.isEmpty() ? "(none)" : String.join(", ", heard))
            + "; the latest of them (those no other supersedes, each clock once) are "
            + texts(latest) + ", and their merged clock is " + clock(context) + ".");
        return;
      }
      if (r.start < AUDIT || !faulty || shape.r() + shape.w() <= shape.n()) {
        return;
      }
      if (!healed()) {
        return;
      }
      List<String> homes = r.prefs.subList(0, shape.n());
      for (int i = 0; i < r.slots.size(); i++) {
        if (r.answeredAt[i] >= 0 && r.slots.get(i).size() > 1) {
          return; // a stand-in may have answered for this slot: not an audit of the homes
        }
      }
      for (Req put : acked.getOrDefault(r.key, List.of())) {
        boolean found = false;
        for (DynamoProtocol.Version v : g.versions()) {
          found |= covers(v.clock(), put.expected.clock());
        }
        if (!found) {
          List<String> where = new ArrayList<>();
          for (String h : homes) {
            where.add(h + " holds " + texts(List.copyOf(held.get(h).data.getOrDefault(r.key,
                Set.of()))));
          }
          for (String node : ring) {
            for (DynamoProtocol.Hint h : held.get(node).hints) {
              if (h.key().equals(r.key)) {
                where.add(node + " still has a hint for " + h.home() + ": " + text(h.version()));
              }
            }
          }
          flag(LOST, r.coord, r.key, "The audit read " + r.describe() + ", answered by home "
              + "nodes only, returned " + texts(g.versions()) + ". But " + put.describe()
              + " was acknowledged (" + put.firstAnswer + ") as " + text(put.expected)
              + ", and no returned version covers it: the acknowledged version is lost. "
              + "Now " + String.join("; ", where) + ". With R + W > N, the W slots that "
              + "acknowledged it must each hold it on their home node once hints are handed "
              + "off.");
          return;
        }
      }
    }

    boolean healed() {
      for (String id : ring) {
        if (!sim.isUp(id)) {
          return false;
        }
      }
      for (Fault.Fired f : sim.fired()) {
        if (f.fault() instanceof Fault.Heal && f.time() == HEAL) {
          return true;
        }
      }
      return false;
    }

    // -- the storage side --

    void storageCall(String node, String from, Object m) {
      Held h = held.get(node);
      DynamoStore store = stores.get(node);
      long now = sim.now();
      String key = null;
      Object reply = null;
      boolean hintCall = false;
      String what = render(m);
      if (m instanceof DynamoProtocol.Store s) {
        key = s.key();
        if (s.hintFor() == null) {
          h.keep(s.key(), s.version());
        } else {
          h.hints.add(new DynamoProtocol.Hint(s.hintFor(), s.key(), s.version()));
          hintCall = true;
        }
        reply = new DynamoProtocol.Stored(s.opId());
      } else if (m instanceof DynamoProtocol.Fetch f) {
        key = f.key();
        reply = new DynamoProtocol.Fetched(f.opId(), List.copyOf(h.data.getOrDefault(f.key(),
            Set.of())));
      } else if (m instanceof DynamoProtocol.Handoff ho) {
        key = ho.key();
        h.keep(ho.key(), ho.version());
        reply = new DynamoProtocol.HandedOff(ho.key(), ho.version());
      } else if (m instanceof DynamoProtocol.HandedOff ho) {
        key = ho.key();
        h.hints.remove(new DynamoProtocol.Hint(from, ho.key(), ho.version()));
        hintCall = true;
      } else {
        return;
      }
      // the store, against the model
      Set<DynamoProtocol.Version> want = h.data.getOrDefault(key, Set.of());
      List<DynamoProtocol.Version> got = store.versions(key);
      if (!new HashSet<>(got).equals(want) || got.size() != want.size()) {
        boolean hinted = m instanceof DynamoProtocol.Store st && st.hintFor() != null;
        flag(hinted ? HINTS_KEPT : DATA, node, key, node + " received " + what + " from " + from
            + " at " + now
            + " ms; afterwards its data for " + key + " is " + texts(got) + ", but by the "
            + "rules it is " + texts(List.copyOf(want)) + ". Keep a version unless a held one "
            + "covers it (equal or newer); drop the held versions it supersedes; hinted "
            + "Stores do not touch the data.");
        return;
      }
      Set<DynamoProtocol.Hint> gotHints = new HashSet<>(store.hints());
      if (!gotHints.equals(h.hints)) {
        flag(HINTS_KEPT, node, key, node + " received " + what + " from " + from + " at "
            + now + " ms; afterwards its store's hints are " + render(store.hints())
            + ", but they "
            + "should be " + render(List.copyOf(h.hints)) + ". A Store with hintFor adds "
            + "Hint(hintFor, key, version) to the store; only a HandedOff from the home node "
            + "the hint names removes it.");
        return;
      }
      if (reply != null) {
        boolean found = false;
        for (Sent s : sends) {
          found |= s.to().equals(from) && sameReply(s.message(), reply);
        }
        if (!found) {
          flag(hintCall ? HINTS_KEPT : NO_REPLY, node, key, node + " received " + what
              + " from " + from + " at " + now + " ms and did not answer " + render(reply) + " in "
              + "that call (it sent " + (sends.isEmpty() ? "nothing" : show(sends)) + ")."
              + (m instanceof DynamoProtocol.Fetch ? " A Fetch is answered with the key's data "
                  + "only (store.versions), never with its hints." : ""));
        }
      }
    }

    /** After a storage node's timer call: Handoffs only for held hints, and all of them. */
    void offered(String node) {
      Held h = held.get(node);
      Set<DynamoProtocol.Hint> offered = new LinkedHashSet<>();
      for (Sent s : sends) {
        if (s.message() instanceof DynamoProtocol.Handoff ho) {
          DynamoProtocol.Hint hint = new DynamoProtocol.Hint(s.to(), ho.key(), ho.version());
          if (!h.hints.contains(hint)) {
            flag(BAD_HANDOFF, node, ho.key(), node + " sent " + render(ho) + " to " + s.to()
                + " at "
                + sim.now() + " ms, but it holds no hint for " + s.to() + " with that version "
                + "(its hints: " + h.hints + "). Offer each hint to the home node it names.");
            return;
          }
          offered.add(hint);
        }
      }
      if (offered.isEmpty()) {
        return;
      }
      long since = Math.max(h.lastOffer, sim.upSince(node));
      if (sim.now() - since < HANDOFF) {
        flag(HANDOFF_EARLY, node, null, node + " offered hints at " + sim.now() + " ms, "
            + (sim.now() - since) + " ms after " + (h.lastOffer > sim.upSince(node)
            ? "its previous offer" : "it started") + ". Offer hints every " + HANDOFF
            + " ms.");
      }
      h.lastOffer = sim.now();
      if (!offered.equals(h.hints)) {
        Set<DynamoProtocol.Hint> missing = new LinkedHashSet<>(h.hints);
        missing.removeAll(offered);
        flag(HINTS_KEPT, node, null, node + " offered hints at " + sim.now() + " ms but not "
            + missing + ". Each offer sends a Handoff for every hint in the store.");
      }
    }

    void finish() {
      if (finished) {
        return;
      }
      finished = true;
      long end = sim.now();
      for (Req r : requests.values()) {
        if (r.quorumAt >= 0 && (r.firstAnswerAt < 0 || r.firstAnswerAt > r.quorumAt)) {
          flag(SLOW, r.coord, r.key, r.describe() + " had its quorum at " + r.quorumAt
              + " ms (" + needText(r) + "; answers from " + String.join(", ", r.answeredBy)
              + "), but " + (r.firstAnswerAt < 0 ? "no answer followed by the end of the run"
              : "its answer was " + r.firstAnswer) + ". Answer in the call in which the "
              + need(r) + ordinal(need(r)) + " distinct slot answered.");
        }
        long deadline = r.start + DEADLINE;
        if (r.firstAnswerAt < 0 && deadline <= end) {
          flag(NO_ANSWER, r.coord, r.key, r.describe() + " had no answer by its deadline at "
              + deadline + " ms. Without a quorum by then, answer " + (r.write ? "PutFailed"
              : "GetFailed") + " at the deadline: every request gets an answer.");
        }
        for (long k = 1; k * STEP < DEADLINE; k++) {
          long t = r.start + k * STEP;
          if (t > end || (r.firstAnswerAt >= 0 && r.firstAnswerAt <= t)) {
            break;
          }
          int silent = 0;
          for (long a : r.answeredAt) {
            silent += a < 0 || a > t ? 1 : 0;
          }
          int before = r.slots.size();
          for (Map.Entry<Long, Integer> e : r.moves.entrySet()) {
            before += e.getKey() < t ? e.getValue() : 0;
          }
          int expected = Math.max(0, Math.min(silent, r.prefs.size() - before));
          int moved = r.moves.getOrDefault(t, 0);
          if (moved < expected) {
            flag(MISSED_STEP, r.coord, r.key, r.describe() + ": at " + t + " ms (" + (k * STEP)
                + " ms after it arrived) " + silent + " slot(s) had no answer and "
                + (r.prefs.size() - before) + " node(s) of the preference list " + r.prefs
                + " were unused, but " + (moved == 0 ? "nothing was" : "only " + moved
                + " request(s) were") + " sent. At 25, 50 and 75 ms, each silent slot moves "
                + "on to the next unused node"
                + (r.write ? ", with a hint naming its home." : "."));
            break;
          }
        }
      }
      if (faulty && end >= AUDIT && healed()) {
        for (String node : ring) {
          if (!held.get(node).hints.isEmpty()) {
            flag(HINT_LEFT, node, null, node + " still held the hints "
                + held.get(node).hints + " at " + end + " ms, " + (end - HEAL) + " ms after "
                + "the network healed and every node was up. Offer every hint to its home "
                + "node every " + HANDOFF + " ms, also after a restart (the store keeps the "
                + "hints; your fields do not), until the home answers HandedOff.");
          }
        }
      }
    }

    Violation first(String reason) {
      Violation best = null;
      for (Violation v : violations) {
        if (v.reason().equals(reason) && (best == null || v.time() < best.time())) {
          best = v;
        }
      }
      return best;
    }
  }

  // ---- helpers on clocks and versions ----

  static boolean covers(Map<String, Long> a, Map<String, Long> b) {
    for (Map.Entry<String, Long> e : b.entrySet()) {
      if (a.getOrDefault(e.getKey(), 0L) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  static List<DynamoProtocol.Version> latest(java.util.Collection<DynamoProtocol.Version> all) {
    List<DynamoProtocol.Version> out = new ArrayList<>();
    for (DynamoProtocol.Version v : all) {
      boolean superseded = false;
      for (DynamoProtocol.Version u : all) {
        superseded |= !u.clock().equals(v.clock()) && covers(u.clock(), v.clock());
      }
      if (!superseded && out.stream().noneMatch(x -> x.clock().equals(v.clock()))) {
        out.add(v);
      }
    }
    return out;
  }

  static String clock(Map<String, Long> c) {
    return new TreeMap<>(c).toString();
  }

  static String text(DynamoProtocol.Version v) {
    return v == null ? "null" : v.value() + " " + clock(v.clock());
  }

  static String texts(List<DynamoProtocol.Version> vs) {
    List<String> parts = new ArrayList<>();
    vs.forEach(v -> parts.add(text(v)));
    return "[" + String.join(", ", parts) + "]";
  }

  static String ordinal(long n) {
    return n % 10 == 1 && n % 100 != 11 ? "st" : n % 10 == 2 && n % 100 != 12 ? "nd"
        : n % 10 == 3 && n % 100 != 13 ? "rd" : "th";
  }

  /** Versions as their value and clock. */
  private static final MessageText TEXT = MessageText.plain()
      .with(m -> m instanceof DynamoProtocol.Version v ? text(v) : null);

  /** A message as the timeline shows it: Store(3, k1, c1.2 {a=2}, null). */
  static String render(Object m) {
    return TEXT.show(m);
  }

  static Long opOf(Object m) {
    if (m instanceof DynamoProtocol.Store s) {
      return s.opId();
    } else if (m instanceof DynamoProtocol.Fetch f) {
      return f.opId();
    }
    return null;
  }

  static List<String> targets(List<Sent> sent) {
    return sent.stream().map(Sent::to).toList();
  }

  static String show(List<Sent> sent) {
    List<String> parts = new ArrayList<>();
    sent.forEach(s -> parts.add(render(s.message()) + " to " + s.to()));
    return String.join(", ", parts);
  }

  static boolean sameReply(Object got, Object want) {
    if (got instanceof DynamoProtocol.Fetched a && want instanceof DynamoProtocol.Fetched b) {
      return a.opId() == b.opId() && new HashSet<>(a.versions()).equals(
          new HashSet<>(b.versions())) && a.versions().size() == b.versions().size();
    }
    return Objects.equals(got, want);
  }

  // ---- spies ----

  private static final class CoordinatorSpy implements Node {
    private final Run run;
    private final Node inner;
    private String id;

    CoordinatorSpy(Run run, Node inner) {
      this.run = run;
      this.inner = inner;
    }

    @Override
    public void start(Context ctx) {
      id = ctx.id();
      inner.start(ForwardingContext.tapping(ctx, (to, m) -> {
        run.logged(id, to, m);
        run.sends.add(new Sent(to, m));
        run.answered(id, to, m);
      }));
    }

    @Override
    public void onMessage(String from, Object message) {
      run.sends.clear();
      boolean request = CLIENTS.contains(from) && (message instanceof DynamoProtocol.Put
          || message instanceof DynamoProtocol.Get);
      Req heard = null;
      if (message instanceof DynamoProtocol.Stored s) {
        heard = run.delivered(id, from, s.opId(), null, true);
      } else if (message instanceof DynamoProtocol.Fetched f) {
        heard = run.delivered(id, from, f.opId(), f.versions(), false);
      }
      inner.onMessage(from, message);
      if (request) {
        run.received(id, from, message);
      } else {
        run.stepSends(id, false);
      }
      if (heard != null) {
        run.afterAnswerCall(heard);
      }
    }

    @Override
    public void onTimer(Object tag) {
      run.sends.clear();
      inner.onTimer(tag);
      run.stepSends(id, true);
    }
  }

  private static final class StorageSpy implements Node {
    private final Run run;
    private final Node inner;
    private String id;

    StorageSpy(Run run, Node inner) {
      this.run = run;
      this.inner = inner;
    }

    @Override
    public void start(Context ctx) {
      id = ctx.id();
      run.held.get(id).lastOffer = -1;
      inner.start(ForwardingContext.tapping(ctx, (to, m) -> {
        run.logged(id, to, m);
        run.sends.add(new Sent(to, m));
      }));
    }

    @Override
    public void onMessage(String from, Object message) {
      run.sends.clear();
      inner.onMessage(from, message);
      run.storageCall(id, from, message);
    }

    @Override
    public void onTimer(Object tag) {
      run.sends.clear();
      inner.onTimer(tag);
      run.offered(id);
    }
  }

  /** A client: reads a random key, writes with that read's context, pauses, again. */
  private static final class DynClient implements Node {
    private final String coord;
    private final List<String> keys;
    private final long stopAt;
    private final boolean audit;
    private final boolean idle;
    private Context ctx;
    private long next;
    private long waiting = -1;
    private int writes;
    private int audited;

    DynClient(String coord, List<String> keys, long stopAt, boolean audit, boolean idle) {
      this.coord = coord;
      this.keys = keys;
      this.stopAt = stopAt;
      this.audit = audit;
      this.idle = idle;
    }

    @Override
    public void start(Context ctx) {
      this.ctx = ctx;
      if (idle) {
        return;
      }
      ctx.setTimer(1 + ctx.random().nextInt(10), "go");
      if (audit) {
        ctx.setTimer(AUDIT, "audit");
      }
    }

    private void get(String key) {
      waiting = ++next;
      ctx.send(coord, new DynamoProtocol.Get(waiting, key));
      ctx.setTimer(DEADLINE + 30, "giveup-" + waiting);
    }

    @Override
    public void onMessage(String from, Object m) {
      if (m instanceof DynamoProtocol.GetOk g && g.requestId() == waiting) {
        if (ctx.now() >= AUDIT && audit) {
          waiting = -1;
          auditNext();
          return;
        }
        String key = keyOf.remove(g.requestId());
        waiting = ++next;
        writes++;
        ctx.send(coord, new DynamoProtocol.Put(waiting, key, ctx.id() + "." + writes,
            g.context()));
        ctx.setTimer(DEADLINE + 30, "giveup-" + waiting);
      } else if ((m instanceof DynamoProtocol.GetFailed g && g.requestId() == waiting)
          || (m instanceof DynamoProtocol.PutOk p && p.requestId() == waiting)
          || (m instanceof DynamoProtocol.PutFailed f && f.requestId() == waiting)) {
        waiting = -1;
        if (ctx.now() >= AUDIT && audit) {
          auditNext();
        } else {
          ctx.setTimer(ctx.random().nextInt(21), "go");
        }
      }
    }

    private final Map<Long, String> keyOf = new HashMap<>();

    private void auditNext() {
      if (audited < keys.size()) {
        String key = keys.get(audited++);
        get(key);
        keyOf.remove(waiting);
      }
    }

    @Override
    public void onTimer(Object tag) {
      if ("audit".equals(tag)) {
        if (waiting < 0) {
          auditNext();
        }
        return;
      }
      if (tag instanceof String s && s.startsWith("giveup-")) {
        if (Long.parseLong(s.substring(7)) == waiting) {
          waiting = -1;
          tag = "go";
        } else {
          return;
        }
      }
      if ("go".equals(tag) && waiting < 0 && ctx.now() < stopAt) {
        String key = keys.get(ctx.random().nextInt(keys.size()));
        get(key);
        keyOf.put(waiting, key);
      } else if ("go".equals(tag) && waiting < 0 && audit && ctx.now() >= AUDIT) {
        auditNext();
      }
    }
  }

  // ---- building and judging runs ----

  private static Run cluster(RunPlan plan, SimConfig net, Shape shape, List<String> keys,
      boolean faulty) {
    Simulation sim = new Simulation(plan, net);
    Run run = new Run(sim, shape, faulty);
    for (String id : run.ring) {
      DynamoStore store = run.stores.get(id);
      sim.addNode(id, () -> new StorageSpy(run, new DynamoReplica(store)));
    }
    List<String> ring = shape.nodes();
    for (String c : COORDS) {
      sim.addNode(c, () -> new CoordinatorSpy(run,
          new DynamoCoordinator(ring, shape.n(), shape.r(), shape.w())));
    }
    long stop = faulty ? HEAL : HORIZON - 150;
    for (int i = 0; i < CLIENTS.size(); i++) {
      String name = CLIENTS.get(i);
      sim.addClient(name, new DynClient(COORDS.get(i), keys, stop, faulty,
          plan.idle().contains(name)));
    }
    return run;
  }

  private static Outcome judge(Run run, List<String> reasons) {
    try {
      if (run.threw != null) {
        throw run.threw;
      }
      if (!run.ran) {
        run.ran = true;
        run.sim.run();
      }
    } catch (SimulationException e) {
      run.threw = e;
      Outcome o = Outcome.threw(e);
      return new Outcome("With " + run.shape + ": " + o.problem(), o.reason(), o.faults(),
          o.timeline(), o.error(), o.clients(), o.fingerprint(), o.trace());
    }
    run.finish();
    for (String reason : reasons) {
      Violation v = run.first(reason);
      if (v != null) {
        return Outcome.failed(run.sim, reason, "With " + run.shape + ": " + v.text(),
            timeline(run.sim, v.key()));
      }
    }
    return Outcome.passed(run.sim);
  }

  private static Timeline timeline(Simulation sim, String key) {
    return Timeline.of(sim.trace()).maxLines(70).filter(e -> about(e, key));
  }

  private static boolean about(TraceEvent e, String key) {
    Object d = e.detail();
    if (key == null || d == null || !d.getClass().isRecord()
        || d.getClass().getEnclosingClass() != DynamoProtocol.class) {
      return e.type() != TraceEvent.Type.TIMER && e.type() != TraceEvent.Type.START;
    }
    String s = d.toString();
    return s.contains("key=" + key + ",") || s.contains("key=" + key + "]")
        || d instanceof DynamoProtocol.Stored
        || d instanceof DynamoProtocol.Fetched;
  }

  private static void faults(Run run, long seed) {
    SplittableRandom rng = new SplittableRandom(seed * 7919 + 13);
    Nemesis.crashes(rng, run.ring, 2, 0, FAULTS_END, 300).forEach(run.sim::schedule);
    Nemesis.partitions(rng, run.ring, 1, 0, FAULTS_END, 200).forEach(run.sim::schedule);
    run.sim.schedule(new Fault.Heal(HEAL));
    for (String id : run.ring) {
      run.sim.schedule(new Fault.Restart(HEAL, id));
    }
  }

  private static void sweep(String property, int seeds, LongFunction<Scenario> scenarioForSeed) {
    for (long seed : Seeds.sweep(seeds)) {
      Shrinker.Result r = Shrinker.firstFailure(scenarioForSeed.apply(seed), new long[] {seed},
          HORIZON);
      if (r != null) {
        throw Seeds.failure(seed, property + "\n" + r.report(), r.outcome().error(),
            HINTS.getOrDefault(r.outcome().reason(), "slots-not-nodes"));
      }
    }
  }

  private static List<String> keysFor(long seed) {
    return seed % 3 == 0 ? List.of("k1", "k2", "k3") : List.of("k1", "k2");
  }

  /**
   * Full fault runs of a seed, shared by the properties of one execution of this class (each
   * judges its own reasons): a run is a function of its plan and the code, so running it once
   * per seed is enough. An instance field, with one instance per class execution, so that a
   * mutation tester that swaps the code between executions never sees an old run. Shrunk and
   * traced runs are always run afresh.
   */
  private final Map<Long, Run> faultRuns = new HashMap<>();

  /** The fault run of a seed, judged for {@code reasons}; never cached. */
  static Scenario faultRun(long seed, List<String> reasons) {
    return faultRun(seed, reasons, new HashMap<>());
  }

  /** The fault run of a seed, judged for {@code reasons}, whole runs kept in {@code cache}. */
  static Scenario faultRun(long seed, List<String> reasons, Map<Long, Run> cache) {
    Shape shape = SHAPES[(int) (seed % SHAPES.length)];
    return plan -> {
      boolean whole = plan.allowed() == null && !plan.trace() && plan.idle().isEmpty()
          && plan.horizon() == HORIZON && plan.seed() == seed;
      Run run = whole ? cache.get(seed) : null;
      if (run == null) {
        run = cluster(plan, FAULTY, shape, keysFor(seed), true);
        faults(run, plan.seed());
        if (whole) {
          cache.put(seed, run);
        }
      }
      return judge(run, reasons);
    };
  }

  /** Runs where answers are often late or doubled, and some nodes are down from the start. */
  static Scenario countingRun(long seed, List<String> reasons) {
    Shape shape = SHAPES[(int) (seed % SHAPES.length)];
    SimConfig net = seed % 2 == 0 ? SLOW_NET : TWICE_NET;
    return plan -> {
      Run run = cluster(plan, net, shape, keysFor(seed), false);
      SplittableRandom rng = new SplittableRandom(plan.seed() * 31 + 7);
      List<String> pool = new ArrayList<>(run.ring);
      int down = rng.nextInt(3);
      for (int i = 0; i < down; i++) {
        run.sim.schedule(new Fault.Crash(rng.nextInt(200), pool.remove(rng.nextInt(
            pool.size()))));
      }
      return judge(run, reasons);
    };
  }

  /** Reliable network, up to ring - W nodes down from the start: every put must succeed. */
  static Scenario availableRun(long seed) {
    Shape shape = SHAPES[(int) (seed % SHAPES.length)];
    return plan -> {
      Run run = cluster(plan, RELIABLE, shape, keysFor(seed), false);
      SplittableRandom rng = new SplittableRandom(plan.seed() * 17 + 3);
      List<String> pool = new ArrayList<>(run.ring);
      int down = shape.ring() - shape.w();
      for (int i = 0; i < down; i++) {
        run.sim.schedule(new Fault.Crash(0, pool.remove(rng.nextInt(pool.size()))));
      }
      Outcome o = judge(run, List.of(START, STEP_SENDS, MISSED_STEP, TOO_EARLY, SLOW));
      if (o.failed()) {
        return o;
      }
      for (Req r : run.requests.values()) {
        if (r.write && r.firstAnswerAt >= 0 && !r.ok) {
          List<String> up = new ArrayList<>();
          for (String id : run.ring) {
            if (run.sim.isUp(id)) {
              up.add(id);
            }
          }
          return Outcome.failed(run.sim, UNAVAILABLE, "With " + shape + ": " + r.describe()
              + " failed at " + r.firstAnswerAt + " ms, though the network lost nothing and "
              + up + " were up (W=" + shape.w() + "); answers came from "
              + (r.answeredBy.isEmpty() ? "no node" : String.join(", ", r.answeredBy))
              + ". The preference list " + r.prefs + " has stand-ins for the home nodes that "
              + "are down: move each silent slot on at 25, 50 and 75 ms.",
              timeline(run.sim, r.key));
        }
      }
      return o;
    };
  }

  private static List<String> all() {
    List<String> all = new ArrayList<>(STORAGE);
    all.addAll(List.of(CLOCK, NOT_LATEST));
    all.addAll(STEPS);
    all.addAll(ANSWERS);
    all.addAll(HANDOFFS);
    all.add(LOST);
    return List.copyOf(new LinkedHashSet<>(all));
  }

  @Test
  @Order(1)
  @DisplayName("a storage node keeps exactly the versions and hints the rules say")
  @Hint("versions-and-clocks")
  void storageNodesKeepWhatTheRulesSay() {
    sweep("After every message, a storage node's data is the set of siblings the keeping rule "
        + "gives, its hints are the hinted Stores not yet retired by their home's HandedOff, "
        + "and it answers Stored, Fetched and HandedOff in the same call.", 30,
        seed -> faultRun(seed, STORAGE, faultRuns));
  }

  @Test
  @Order(2)
  @DisplayName("a put's version gets the clock of the rule; a get returns the latest versions")
  @Hint("versions-and-clocks")
  void clocksAndLatestVersions() {
    sweep("A put numbered k at coordinator c gets its context's clock with c's entry set to k; "
        + "a GetOk carries the versions no answered version supersedes, with their merged "
        + "clock as context.", 30,
        seed -> faultRun(seed, List.of(REUSED, CLOCK, NOT_LATEST), faultRuns));
  }

  @Test
  @Order(3)
  @DisplayName("requests start on the home nodes and move silent slots to the next stand-ins")
  @Hint("sloppy-quorum")
  void sloppyQuorumSteps() {
    sweep("A request starts on the key's N home nodes; at 25, 50 and 75 ms each slot with no "
        + "answer moves on to the next unused node of the preference list, a Store there "
        + "naming the slot's home.", 30, seed -> faultRun(seed, STEPS, faultRuns));
  }

  @Test
  @Order(4)
  @DisplayName("an answer comes when W (R) distinct slots answered, or at the deadline, once")
  @Hint("slots-not-nodes")
  void quorumsCountSlots() {
    sweep("PutOk comes in the call in which the W-th distinct slot acknowledged, GetOk at the "
        + "R-th (a duplicated message, or a home node and its stand-in, are one slot); a "
        + "request without a quorum fails exactly 100 ms after it arrived; one answer each.",
        30, seed -> countingRun(seed, ANSWERS));
  }

  @Test
  @Order(5)
  @DisplayName("hints are offered to their home node until it confirms, and survive crashes")
  @Hint("hinted-handoff")
  void hintsAreHandedOff() {
    sweep("A stand-in keeps hinted versions in its store, offers every one to its home node "
        + "every 50 ms (also after a restart), and retires a hint only on its home's "
        + "HandedOff; 500 ms after the heal no hint is left.", 30,
        seed -> faultRun(seed, HANDOFFS, faultRuns));
    handedOffOnlyFromTheHome();
  }

  /**
   * In the runs a HandedOff only ever comes from the home a hint names, so a node that retires
   * hints by key and version alone passes them: a scripted call shows it.
   */
  private static void handedOffOnlyFromTheHome() {
    DynamoProtocol.Version v = new DynamoProtocol.Version("c1.1", Map.of("a", 1L));
    DynamoProtocol.Hint forN1 = new DynamoProtocol.Hint("n1", "k1", v);
    DynamoProtocol.Hint forN2 = new DynamoProtocol.Hint("n2", "k1", v);
    DynamoStore store = new DynamoStore();
    store.addHint(forN1);
    store.addHint(forN2);
    DynamoReplica node = new DynamoReplica(store);
    String call = "";
    try {
      node.start(scriptContext("n4"));
      call = "onMessage(n3, HandedOff(k1, " + render(v) + "))";
      node.onMessage("n3", new DynamoProtocol.HandedOff("k1", v));
      checkHints(store, List.of(forN1, forN2), "n4 holds " + render(List.of(forN1, forN2))
          + " and received HandedOff(k1, " + render(v) + ") from n3, the home of neither");
      call = "onMessage(n2, HandedOff(k1, " + render(v) + "))";
      node.onMessage("n2", new DynamoProtocol.HandedOff("k1", v));
      checkHints(store, List.of(forN1), "n4 holds " + render(List.of(forN1, forN2))
          + " and received HandedOff(k1, " + render(v) + ") from n2");
    } catch (RuntimeException e) {
      throw Because.of("hinted-handoff", "A DynamoReplica given a store with two hints threw "
          + e.getClass().getSimpleName() + " in " + call + " (a scripted call, no run).", e);
    }
  }

  private static void checkHints(DynamoStore store, List<DynamoProtocol.Hint> want,
      String what) {
    if (!new HashSet<>(store.hints()).equals(new HashSet<>(want))) {
      throw Because.of("hinted-handoff", what + " (a scripted call, no run); afterwards its "
          + "hints are " + render(store.hints()) + ", but they should be "
          + render(want) + ". Only a HandedOff from the home node a hint names "
          + "retires it: remove Hint(sender, key, version), nothing else.");
    }
  }

  private static Context scriptContext(String id) {
    return new Context() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public long now() {
        return 0;
      }

      @Override
      public void send(String target, Object message) {}

      @Override
      public long setTimer(long delayMillis, Object tag) {
        return 1;
      }

      @Override
      public void cancelTimer(long timerId) {}

      @Override
      public Disk disk() {
        throw new UnsupportedOperationException("no disk in this exercise");
      }

      @Override
      public RandomGenerator random() {
        return new SplittableRandom(1);
      }

      @Override
      public void log(String text) {}
    };
  }

  @Test
  @Order(6)
  @DisplayName("with R + W > N, no acknowledged version is lost once hints are handed off")
  @Hint("hinted-handoff")
  void noAcknowledgedVersionIsLost() {
    sweep("After the heal and the handoffs, an audit read answered by home nodes returns, for "
        + "every acknowledged put of its key, that version or one that supersedes it "
        + "(concurrent puts come back as siblings).", 40,
        seed -> faultRun(seed, all(), faultRuns));
  }

  @Test
  @Order(7)
  @DisplayName("with W nodes up, every put succeeds (the sloppy quorum stays available)")
  @Hint("sloppy-quorum")
  void putsStayAvailable() {
    sweep("With a reliable network and only ring size - W storage nodes down (home nodes "
        + "among them), every put reaches W slots through stand-ins.", 30,
        DynamoCoordinatorSuite::availableRun);
  }

  @Test
  @Order(8)
  @DisplayName("the constructor checks its arguments and keeps its own copy of the ring")
  @Hint("arguments")
  void argumentsAreChecked() {
    List<String> five = List.of("n1", "n2", "n3", "n4", "n5");
    Object[][] bad = {
      {List.of(), 1, 1, 1}, {List.of("n1", "n2", "n1"), 2, 1, 1}, {five, 0, 1, 1},
      {five, 6, 1, 1}, {five, 3, 0, 2}, {five, 3, 4, 2}, {five, 3, 2, 0}, {five, 3, 2, 4},
      {five, 3, -1, 2}, {List.of("n1"), 1, 1, 2}
    };
    for (Object[] a : bad) {
      try {
        make(a);
      } catch (IllegalArgumentException expected) {
        continue;
      } catch (RuntimeException e) {
        throw Because.of("arguments", construction(a) + " threw "
            + e.getClass().getSimpleName() + "; expected IllegalArgumentException.", e);
      }
      throw Because.of("arguments", construction(a) + " returned; expected "
          + "IllegalArgumentException: " + why(a) + ".");
    }
    Object[][] good = {
      {five, 3, 2, 2}, {five, 5, 5, 5}, {five, 1, 1, 1}, {List.of("n1"), 1, 1, 1},
      {five, 3, 1, 3}, {five, 3, 3, 1}
    };
    for (Object[] a : good) {
      try {
        make(a);
      } catch (RuntimeException e) {
        throw Because.of("arguments", construction(a) + " threw "
            + e.getClass().getSimpleName() + "; these arguments are valid.", e);
      }
    }
    List<String> mine = new ArrayList<>(five);
    DynamoCoordinator c = new DynamoCoordinator(mine, 3, 2, 2);
    if (!mine.equals(five)) {
      throw Because.of("arguments", "new DynamoCoordinator(ring, 3, 2, 2) changed the caller's "
          + "ring to " + mine + ".");
    }
    mine.clear();
    mine.addAll(List.of("x1", "x2", "x3", "x4", "x5"));
    List<String> to = putThrough(c);
    List<String> homes = DynamoProtocol.preferenceList("k1", five).subList(0, 3);
    if (!new HashSet<>(to).equals(new HashSet<>(homes))) {
      throw Because.of("arguments", "After new DynamoCoordinator(ring, 3, 2, 2) with ring = "
          + five + ", the caller changed its list to " + mine + "; then a Put of k1 sent "
          + "Stores to " + to + ", not to k1's home nodes " + homes + ". Keep your own copy "
          + "of the ring (List.copyOf).");
    }
  }

  private static DynamoCoordinator make(Object[] a) {
    @SuppressWarnings("unchecked")
    List<String> ring = (List<String>) a[0];
    return new DynamoCoordinator(ring, (Integer) a[1], (Integer) a[2], (Integer) a[3]);
  }

  private static String construction(Object[] a) {
    return "new DynamoCoordinator(" + a[0] + ", n=" + a[1] + ", r=" + a[2] + ", w=" + a[3] + ")";
  }

  private static String why(Object[] a) {
    List<?> ring = (List<?>) a[0];
    if (ring.isEmpty()) {
      return "the ring is empty";
    } else if (new HashSet<>(ring).size() != ring.size()) {
      return "the ring names a node twice";
    }
    return "n must be in 1..ring size (" + ring.size() + ") and r and w in 1..n";
  }

  private static List<String> putThrough(DynamoCoordinator c) {
    List<String> to = new ArrayList<>();
    Context ctx = new Context() {
      @Override
      public String id() {
        return "a";
      }

      @Override
      public long now() {
        return 0;
      }

      @Override
      public void send(String target, Object message) {
        if (message instanceof DynamoProtocol.Store) {
          to.add(target);
        }
      }

      @Override
      public long setTimer(long delayMillis, Object tag) {
        return 1;
      }

      @Override
      public void cancelTimer(long timerId) {}

      @Override
      public Disk disk() {
        throw new UnsupportedOperationException("no disk in this exercise");
      }

      @Override
      public RandomGenerator random() {
        return new SplittableRandom(1);
      }

      @Override
      public void log(String text) {}
    };
    try {
      c.start(ctx);
      c.onMessage("c1", new DynamoProtocol.Put(1, "k1", "v", Map.of()));
    } catch (RuntimeException e) {
      throw Because.of("arguments", "After the caller changed its ring list, start(ctx) and "
          + "onMessage(c1, Put(1, k1, v, {})) threw " + e.getClass().getSimpleName()
          + ". Keep your own copy of the ring (List.copyOf).", e);
    }
    return to;
  }

  @Test
  @Order(9)
  @DisplayName("the same seed gives the same run (randomness and time only from the Context)")
  @Hint("determinism")
  void runsAreAFunctionOfTheirSeed() {
    for (long seed : Seeds.sweep(2)) {
      RunPlan plan = RunPlan.of(seed, HORIZON);
      Shape shape = SHAPES[(int) (seed % SHAPES.length)];
      Scenario fresh = p -> {
        Run run = cluster(p, FAULTY, shape, keysFor(seed), true);
        faults(run, p.seed());
        return judge(run, List.of());
      };
      String problem = Determinism.check(fresh, plan);
      if (problem == null) {
        problem = SendLog.firstDifference(logged(seed, plan), logged(seed, plan), "Count"
            + " requests and puts with counters of your own, and use only ctx.now() and"
            + " ctx.random().");
      }
      if (problem != null) {
        throw Seeds.failure(seed, problem, null, "determinism");
      }
    }
  }

  private static SendLog logged(long seed, RunPlan plan) {
    Shape shape = SHAPES[(int) (seed % SHAPES.length)];
    Run run = cluster(plan, FAULTY, shape, keysFor(seed), true);
    faults(run, seed);
    run.log = new SendLog(String::valueOf);
    try {
      run.sim.run();
    } catch (SimulationException e) {
      // other properties report it
    }
    return run.log;
  }

  /** For the calibration test: the scenario a property runs for a seed. */
  static Scenario scenario(int property, long seed) {
    return switch (property) {
      case 4 -> countingRun(seed, ANSWERS);
      case 7 -> availableRun(seed);
      default -> faultRun(seed, all());
    };
  }

  static long horizon() {
    return HORIZON;
  }
}
