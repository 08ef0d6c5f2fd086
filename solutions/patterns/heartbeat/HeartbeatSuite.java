import static org.junit.jupiter.api.Assertions.fail;

import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import dstutor.kit.Context;
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
import dstutor.sim.SimulationException;
import dstutor.sim.Simulation;
import dstutor.sim.Timeline;
import dstutor.sim.TraceEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for the heartbeat exercise. Every learner detector runs inside a {@link Watched}
 * wrapper that records, on the node's own clock, when it started, what arrived from each peer and
 * when it sent to each peer. Every millisecond a probe asks each live node whom it suspects and
 * compares the answer with what the brief defines: a peer is suspected exactly when more than the
 * timeout has passed since its last heartbeat arrived (or since start). The same probe checks that
 * each node sent every peer a heartbeat at start and then at least every interval, suspected peers
 * included. Expected answers come from the wrapper's record, never from the learner's earlier
 * answers; each kind of failure has a fixed reason (so that a shrunk run fails the same way) and
 * the hint rung that addresses it. A failing seed is shrunk and shown as a timeline of the two
 * nodes concerned.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class HeartbeatSuite {
  private static final long INTERVAL = 20;
  private static final long TIMEOUT = 100;
  private static final long HORIZON = 1_500;
  private static final List<String> NODES = List.of("n1", "n2", "n3", "n4", "n5");
  /** A node that is nobody's peer but sends heartbeats to every node. */
  private static final String OUTSIDER = "x1";
  /** What the suite adds to a set suspects() returned, to see whether the detector notices. */
  private static final String SCRIBBLE = "not-a-node";
  private static final long NONE = Long.MIN_VALUE;
  private static final SimConfig NET = SimConfig.reliable().withDelay(Delay.uniform(1, 15));

  private static final String TIMEOUT_HINT = "choosing-the-timeout";
  private static final String CLEARING_HINT = "suspecting-and-clearing";
  private static final String CLOCK_HINT = "timers-not-wall-clocks";
  private static final String PEERS_HINT = "only-your-peers";

  // Reasons: a shrunk run counts only if it fails for the same one. Each maps to a hint rung.
  private static final String NOT_A_PEER = "suspects a node that is not a peer";
  private static final String AT_TIMEOUT = "suspected at exactly the timeout";
  private static final String EARLY = "suspected before the timeout";
  private static final String FROM_SEND = "silence counted from the send";
  private static final String NOT_CLEARED = "not cleared by a heartbeat";
  private static final String SILENT_TRUSTED = "silent peer not suspected";
  private static final String LATE = "suspected late";
  private static final String NEVER = "not suspected long after the timeout";
  private static final String NO_FIRST_BEAT = "no heartbeat at start";
  private static final String BEAT_GAP = "heartbeat overdue";
  private static final String SHARED_SET = "returned set shared";
  private static final String LIVE_SET = "returned set changed later";
  private static final String NULL_SET = "suspects() returned null";
  private static final String PROBE_THREW = "suspects() threw";
  private static final String OUTSIDER_THREW = "threw on a non-peer's heartbeat";
  private static final String LIST_CHANGED = "changed the caller's peer list";

  private static final Map<String, String> HINTS = Map.ofEntries(
      Map.entry(NOT_A_PEER, PEERS_HINT), Map.entry(AT_TIMEOUT, TIMEOUT_HINT),
      Map.entry(EARLY, TIMEOUT_HINT), Map.entry(FROM_SEND, CLOCK_HINT),
      Map.entry(NOT_CLEARED, CLEARING_HINT),
      Map.entry(SILENT_TRUSTED, CLEARING_HINT), Map.entry(LATE, CLEARING_HINT),
      Map.entry(NEVER, CLOCK_HINT), Map.entry(NO_FIRST_BEAT, CLOCK_HINT),
      Map.entry(BEAT_GAP, CLOCK_HINT), Map.entry(SHARED_SET, PEERS_HINT),
      Map.entry(LIVE_SET, PEERS_HINT), Map.entry(OUTSIDER_THREW, PEERS_HINT),
      Map.entry(LIST_CHANGED, PEERS_HINT),
      Map.entry(NULL_SET, CLEARING_HINT));

  /** How the suite hands each detector its peer list. */
  private enum PeerList {
    /** A fresh ArrayList per node. */
    MUTABLE,
    /** An unmodifiable list, as List.of gives. */
    UNMODIFIABLE,
    /** An ArrayList that the suite clears right after the constructor returns. */
    CLEARED_AFTER
  }

  /**
   * One run's shape: the cluster, the detector's settings, the network and clocks, the faults,
   * and how the run is probed.
   *
   * @param driftPpm if positive, clocks are up to an hour apart and drift up to this much
   * @param silent a node that never starts, or ""
   * @param outsider whether x1, nobody's peer, runs too and sends heartbeats to every node
   * @param plain whether to leave out the twist (skewed clocks, an unusual peer list) while
   *     drawing the same run: a failure that the plain run does not show is the twist's fault
   */
  private record Setup(List<String> nodes, long interval, long timeout, SimConfig net,
      long driftPpm, BiConsumer<Simulation, SplittableRandom> faults, String silent,
      boolean outsider, PeerList peerList, long horizon, long probeEvery, boolean plain) {

    static Setup of(SimConfig net, BiConsumer<Simulation, SplittableRandom> faults) {
      return new Setup(NODES, INTERVAL, TIMEOUT, net, 0, faults, "", false, PeerList.MUTABLE,
          HORIZON, 1, false);
    }

    Setup drift(long ppm) {
      return new Setup(nodes, interval, timeout, net, ppm, faults, silent, outsider, peerList,
          horizon, probeEvery, plain);
    }

    Setup silentNode(String id) {
      return new Setup(nodes, interval, timeout, net, driftPpm, faults, id, outsider, peerList,
          horizon, probeEvery, plain);
    }

    Setup withOutsider() {
      return new Setup(nodes, interval, timeout, net, driftPpm, faults, silent, true, peerList,
          horizon, probeEvery, plain);
    }

    Setup peers(PeerList how) {
      return new Setup(nodes, interval, timeout, net, driftPpm, faults, silent, outsider, how,
          horizon, probeEvery, plain);
    }

    Setup sized(List<String> ids, long i, long t, long h, long every) {
      return new Setup(ids, i, t, net, driftPpm, faults, silent, outsider, peerList, h, every,
          plain);
    }

    /** The same run without its twist, or null if it has none. */
    Setup baseline() {
      return twistHint() == null ? null : new Setup(nodes, interval, timeout, net, driftPpm,
          faults, silent, outsider, peerList, horizon, probeEvery, true);
    }

    /** The hint about this run's twist: what a failure the plain run does not show is about. */
    String twistHint() {
      return driftPpm > 0 ? CLOCK_HINT : peerList != PeerList.MUTABLE ? PEERS_HINT : null;
    }

    boolean skewed() {
      return driftPpm > 0 && !plain;
    }

    PeerList lists() {
      return plain ? PeerList.MUTABLE : peerList;
    }

    List<String> peersOf(String id) {
      List<String> peers = new ArrayList<>(nodes);
      peers.remove(id);
      return peers;
    }

    /** Clock readings may step by 2 ms when a clock runs fast: allow 1 ms more then. */
    long slack() {
      return skewed() ? 1 : 0;
    }

    /** The setup in words, for failure messages: the scenario a problem happened in. */
    String describe() {
      StringBuilder b = new StringBuilder();
      b.append(nodes.size()).append(" nodes ").append(nodes).append(", each watching all the "
          + "others; new HeartbeatDetector(peers, ").append(interval).append(", ")
          .append(timeout).append("); delays ").append(net.delay());
      if (net.slow() > 0) {
        b.append(", ").append(Math.round(net.slow() * 100)).append("% of messages ")
            .append(net.slowMillis()).append(" ms later");
      }
      if (net.duplicate() > 0) {
        b.append(", ").append(Math.round(net.duplicate() * 100))
            .append("% delivered twice");
      }
      if (skewed()) {
        b.append("; clocks up to an hour apart, drifting up to ").append(driftPpm / 10_000)
            .append("%");
      }
      if (!silent.isEmpty()) {
        b.append("; ").append(silent).append(" never starts");
      }
      if (outsider) {
        b.append("; ").append(OUTSIDER).append(" is nobody's peer but runs a detector that "
            + "sends heartbeats to all of them, and crashes at some point");
      }
      if (lists() == PeerList.UNMODIFIABLE) {
        b.append("; each peer list is unmodifiable (List.of)");
      } else if (lists() == PeerList.CLEARED_AFTER) {
        b.append("; each peer list is an ArrayList that the suite clears right after the "
            + "constructor returns");
      }
      return b.append('.').toString();
    }
  }

  /** A broken property, found by a probe. */
  private record Problem(String reason, String text, String observer, String peer,
      Throwable error) {}

  /** The first problem of a run, shared by the probes and the wrappers. */
  private static final class Run {
    final Simulation sim;
    final Setup setup;
    /** Virtual time of the last message from node i to node j, by index in setup.nodes(). */
    final long[][] sends;
    Problem problem;
    /** The node whose detector threw on a message from a node that is not its peer, if any. */
    String threwOnOutsider;

    Run(Simulation sim, Setup setup) {
      this.sim = sim;
      this.setup = setup;
      int n = setup.nodes().size();
      this.sends = new long[n][];
      for (int i = 0; i < n; i++) {
        sends[i] = filled(n);
      }
    }

    void sent(String from, String to) {
      int j = setup.nodes().indexOf(to);
      if (j >= 0) {
        sends[setup.nodes().indexOf(from)][j] = sim.now();
      }
    }

    /** When {@code from} last sent to {@code to}, in virtual time, or NONE. */
    long lastSend(String from, String to) {
      return sends[setup.nodes().indexOf(from)][setup.nodes().indexOf(to)];
    }

    void report(String reason, String observer, String peer, String text) {
      report(new Problem(reason, text, observer, peer, null));
    }

    void report(Problem p) {
      if (problem == null) {
        problem = p;
        String first = p.text().indexOf(". ") > 0 ? p.text().substring(0, p.text().indexOf(". ")
            + 1) : p.text();
        sim.flag(p.observer(), first);
        sim.stop();
      }
    }
  }

  /**
   * One incarnation of a learner's detector, with the suite's record of it: what arrived from
   * each peer and what went to each peer, on the node's own clock. The record is the model the
   * probes judge the detector's answers by.
   */
  private static final class Watched implements Node {
    final String id;
    final Run run;
    final List<String> peers;
    final FailureDetector detector;
    /** The caller's list, kept to see that the detector leaves it alone (MUTABLE lists only). */
    List<String> given;
    Context ctx;
    long startClock;
    // Per peer, by its position in peers (arrays: the probes read them every millisecond).
    /** The clock reading at the peer's last heartbeat's arrival, or NONE. */
    final long[] heardAt;
    /** The virtual time of that arrival, for messages. */
    final long[] heardTrue;
    final boolean[] heardSinceProbe;
    /** The clock reading of the last message sent to the peer, or NONE. */
    final long[] sentAt;
    final long[] sentTrue;
    final boolean[] sentAtStart;
    /** The virtual time a probe first found the peer should be suspected and was not, or NONE. */
    final long[] missedSince;
    Set<String> lastAnswer = Set.of();
    Set<String> kept;
    Set<String> keptCopy;
    long keptAt;
    int probes;

    Watched(String id, Run run) {
      this.id = id;
      this.run = run;
      this.peers = run.setup.peersOf(id);
      int n = peers.size();
      heardAt = filled(n);
      heardTrue = filled(n);
      heardSinceProbe = new boolean[n];
      sentAt = filled(n);
      sentTrue = filled(n);
      sentAtStart = new boolean[n];
      missedSince = filled(n);
      Setup s = run.setup;
      switch (s.lists()) {
        case UNMODIFIABLE -> detector = new HeartbeatDetector(List.copyOf(peers), s.interval(),
            s.timeout());
        case CLEARED_AFTER -> {
          List<String> list = new ArrayList<>(peers);
          detector = new HeartbeatDetector(list, s.interval(), s.timeout());
          unchanged(list, "the constructor");
          list.clear();
        }
        default -> {
          given = new ArrayList<>(peers);
          detector = new HeartbeatDetector(given, s.interval(), s.timeout());
          unchanged(given, "the constructor");
        }
      }
    }

    @Override
    public void start(Context real) {
      this.ctx = real;
      this.startClock = real.now();
      detector.start(new Recording());
      if (given != null) {
        unchanged(given, "start");
      }
    }

    /** Right after a call that had the caller's list: is it as the caller left it? */
    private void unchanged(List<String> list, String call) {
      if (!list.equals(peers)) {
        run.report(LIST_CHANGED, id, id, id + "'s " + call + " changed the peer list the "
            + "suite passed it, from " + peers + " to " + list + ". The list is the caller's: "
            + "keep a copy, and leave the caller's list as it was.");
      }
    }

    @Override
    public void onMessage(String from, Object message) {
      int i = peers.indexOf(from);
      if (i < 0) {
        try {
          detector.onMessage(from, message);
        } catch (RuntimeException e) {
          run.threwOnOutsider = id;
          throw e;
        }
        return;
      }
      heardAt[i] = ctx.now();
      heardTrue[i] = run.sim.now();
      heardSinceProbe[i] = true;
      detector.onMessage(from, message);
    }

    @Override
    public void onTimer(Object tag) {
      detector.onTimer(tag);
    }

    /** The context the learner's detector sees: the real one, with its sends recorded. */
    private final class Recording extends ForwardingContext {
      Recording() {
        super(ctx);
      }

      @Override
      public void send(String to, Object message) {
        ctx.send(to, message);
        run.sent(id, to);
        int i = peers.indexOf(to);
        if (i >= 0) {
          long now = ctx.now();
          sentAt[i] = now;
          sentTrue[i] = run.sim.now();
          sentAtStart[i] |= now == startClock;
        }
      }
    }

    /** Checks what this node sent: a heartbeat to every peer at start, then every interval. */
    void checkSends() {
      long now = ctx.now();
      if (now == startClock) {
        return;
      }
      Setup s = run.setup;
      long up = run.sim.upSince(id);
      for (int i = 0; i < peers.size(); i++) {
        String p = peers.get(i);
        if (!sentAtStart[i]) {
          run.report(NO_FIRST_BEAT, id, p, id + " started at " + up + " ms but sent " + p
              + " no heartbeat at start" + (sentAt[i] != NONE ? " (its first went at "
              + sentTrue[i] + " ms)" : "") + ". The first heartbeat goes to every peer "
              + "as the node starts, so that a restarted node is heard from within one delay; "
              + "later ones follow every interval.");
          return;
        }
        long gap = now - sentAt[i];
        if (gap > s.interval() + s.slack()) {
          boolean suspected = lastAnswer.contains(p);
          run.report(BEAT_GAP, id, p, "At " + run.sim.now() + " ms " + id + " has sent "
              + "nothing to " + p + " since " + sentTrue[i] + " ms: " + gap + " ms on its "
              + "clock, more than the " + s.interval() + " ms interval. " + (suspected ? id
              + " suspects " + p + ", but heartbeats go to every peer, suspected or not: two "
              + "nodes that suspect each other (after a partition, say) would otherwise never "
              + "hear from each other again." : "A heartbeat goes to every peer every "
              + s.interval() + " ms of the node's clock, from a timer set again each time it "
              + "fires."));
          return;
        }
      }
    }

    /** Asks the detector whom it suspects and compares with the record. */
    void checkSuspects() {
      Setup s = run.setup;
      Simulation sim = run.sim;
      long t = sim.now();
      long now = ctx.now();
      Set<String> answer;
      try {
        answer = detector.suspects();
        if (answer == null) {
          run.report(NULL_SET, id, id, "At " + t + " ms " + id + ".suspects() returned null; "
              + "it returns a set, empty when no peer is suspected.");
          return;
        }
        // The aliasing checks copy sets: every tenth probe is enough to catch a shared set.
        if (++probes % 10 == 0 && !ownsAnswers(answer, t)) {
          return;
        }
      } catch (RuntimeException e) {
        run.report(new Problem(PROBE_THREW, "At " + t + " ms " + id + ".suspects() threw "
            + e + " (" + id + " up since " + sim.upSince(id) + " ms, peers " + peers + ").",
            id, id, e));
        return;
      }
      for (String x : answer) {
        if (x == null || !peers.contains(x)) {
          boolean outsider = OUTSIDER.equals(x);
          run.report(NOT_A_PEER, id, x == null ? id : x, "At " + t + " ms " + id + " suspects "
              + x + ", which is not one of its peers " + peers + ". A detector watches only "
              + "the peers it was given, never itself" + (outsider ? ": " + OUTSIDER + " sent "
              + id + " heartbeats, but a heartbeat from a node that is not a peer is ignored, "
              + "and that node is never suspected." : "."));
          return;
        }
      }
      for (int i = 0; i < peers.size(); i++) {
        String p = peers.get(i);
        boolean heard = heardAt[i] != NONE;
        long last = heard ? heardAt[i] : startClock;
        long silence = now - last;
        boolean expected = silence > s.timeout();
        boolean got = answer.contains(p);
        if (got == expected && missedSince[i] == NONE) {
          continue;
        }
        String silent = "silent for " + silence + " ms on " + id + "'s clock (" + (heard
            ? "its last heartbeat arrived at " + heardTrue[i] + " ms" : id + " started at "
            + sim.upSince(id) + " ms and has heard nothing from it since") + ")";
        if (got && !expected) {
          long sent = run.lastSend(p, id);
          if (silence == s.timeout()) {
            run.report(AT_TIMEOUT, id, p, "At " + t + " ms " + id + " suspects " + p + ", "
                + silent + ": exactly the timeout. A peer is suspected only when MORE than the "
                + "timeout has passed: at exactly " + s.timeout() + " ms of silence it is still "
                + "trusted, from " + (s.timeout() + 1) + " ms on it is suspected.");
          } else if (heardSinceProbe[i] && lastAnswer.contains(p)) {
            run.report(NOT_CLEARED, id, p, "At " + t + " ms " + id + " still suspects " + p
                + ", although a heartbeat from " + p + " arrived at " + heardTrue[i] + " ms, "
                + "after " + id + " had suspected it. A heartbeat from a suspected peer clears "
                + "it at once: the first one, not a later one.");
          } else if (heard && sent != NONE && t - sent > s.timeout() && !s.skewed()) {
            run.report(FROM_SEND, id, p, "At " + t + " ms " + id + " suspects " + p + ", "
                + silent + ". " + p + " sent that heartbeat at " + sent + " ms, more than "
                + s.timeout() + " ms ago, but silence counts from when a heartbeat ARRIVES, on "
                + "the observer's own clock: a time the sender wrote is on another clock, and "
                + "leaves out the delay.");
          } else {
            run.report(EARLY, id, p, "At " + t + " ms " + id + " suspects " + p + ", " + silent
                + ". With a " + s.timeout() + " ms timeout, " + p + " may be suspected only "
                + "after more than " + s.timeout() + " ms without a heartbeat.");
          }
          return;
        }
        long missed = missedSince[i];
        if (missed != NONE && (got || !expected)) {
          run.report(LATE, id, p, p + " should have been suspected by " + id + " from " + missed
              + " ms on (more than " + s.timeout() + " ms after its last heartbeat), but "
              + (got ? id + " suspected it only at " + t + " ms" : id + " did not suspect "
              + "it before its next heartbeat arrived, at " + heardTrue[i] + " ms")
              + ". suspects() answers for the moment it is called: compare the clock with "
              + "the last arrival when asked, not only when a timer fires.");
          return;
        }
        if (!got && expected) {
          if (!heard) {
            run.report(SILENT_TRUSTED, id, p, "At " + t + " ms " + id + " does not suspect "
                + p + ", " + silent + ", more than the " + s.timeout() + " ms timeout. A peer "
                + "that never sends a heartbeat is suspected too, counting from start.");
            return;
          }
          if (silence > s.timeout() + s.interval() + 1 + s.slack()) {
            run.report(NEVER, id, p, "At " + t + " ms " + id + " does not suspect " + p
                + ", " + silent + ", far more than the " + s.timeout() + " ms timeout. "
                + "Measure silence with ctx.now(): the reading when the heartbeat arrived "
                + "against the reading now.");
            return;
          }
          missedSince[i] = missed == NONE ? t : missed;
        }
      }
      Arrays.fill(heardSinceProbe, false);
      lastAnswer = answer.isEmpty() ? Set.of() : new HashSet<>(answer);
    }

    /**
     * Whether the sets suspects() hands out are the caller's: one returned earlier has not changed
     * since, and changing this one does not change the next answer. Reports and returns false if
     * not; {@code answer} is then no longer usable.
     */
    boolean ownsAnswers(Set<String> answer, long t) {
      Set<String> copy = new HashSet<>(answer);
      if (kept != null && !new HashSet<>(kept).equals(keptCopy)) {
        run.report(LIVE_SET, id, id, "At " + keptAt + " ms " + id + ".suspects() returned "
            + sorted(keptCopy) + "; by " + t + " ms that same set read " + sorted(kept)
            + ", though the suite never touched it. The caller may keep the set it got: "
            + "return a new set (or an unmodifiable copy) each time, not a view of your own.");
        return false;
      }
      Set<String> second = detector.suspects();
      boolean changed = true;
      try {
        answer.clear();
        answer.add(SCRIBBLE);
      } catch (UnsupportedOperationException unmodifiable) {
        changed = false; // an unmodifiable answer is fine
      }
      Set<String> third = detector.suspects();
      Set<String> after = third == null ? null : new HashSet<>(third);
      if (changed && !copy.equals(after)) {
        run.report(SHARED_SET, id, id, "At " + t + " ms " + id + ".suspects() returned "
            + sorted(copy) + "; the suite cleared that set and added \"" + SCRIBBLE + "\" to "
            + "it, then asked again at the same moment and got " + sorted(after) + ". What the "
            + "caller does with the set it got must not change the detector: return a new set "
            + "(or an unmodifiable copy) each time.");
        return false;
      }
      if (changed) {
        // the scribbled set is of no use to the model any more: restore what it said
        answer.clear();
        answer.addAll(copy);
      }
      kept = second;
      keptCopy = second == null ? null : new HashSet<>(second);
      keptAt = t;
      return true;
    }

    /** At the end of a run: a suspicion still owed is late. */
    void finish() {
      for (int i = 0; i < peers.size(); i++) {
        if (missedSince[i] == NONE) {
          continue;
        }
        String p = peers.get(i);
        run.report(LATE, id, p, p + " should have been suspected by " + id
            + " from " + missedSince[i] + " ms on (more than " + run.setup.timeout() + " ms after "
            + "its last heartbeat), but the run ended at " + run.sim.now() + " ms and " + id
            + " still did not suspect it. suspects() answers for the moment it is called: "
            + "compare the clock with the last arrival when asked, not only when a timer "
            + "fires.");
        return;
      }
    }
  }

  private static long[] filled(int n) {
    long[] a = new long[n];
    Arrays.fill(a, NONE);
    return a;
  }

  private static String sorted(Set<String> s) {
    if (s == null) {
      return "null";
    }
    List<String> l = new ArrayList<>();
    for (String x : s) {
      l.add(String.valueOf(x));
    }
    l.sort(null);
    return l.toString();
  }

  private static Outcome run(Setup setup, RunPlan plan) {
    Simulation sim = new Simulation(plan, setup.net());
    Run run = new Run(sim, setup);
    SplittableRandom rng = new SplittableRandom(plan.seed());
    for (String id : setup.nodes()) {
      long startAt = id.equals(setup.silent()) ? Long.MAX_VALUE / 4 : rng.nextInt(20);
      sim.addNode(id, () -> new Watched(id, run), startAt);
    }
    if (setup.outsider()) {
      List<String> all = setup.nodes();
      sim.addNode(OUTSIDER, () -> new HeartbeatDetector(new ArrayList<>(all), setup.interval(),
          setup.timeout()), rng.nextInt(20));
      long span = Math.max(1, setup.horizon() / 2 - setup.timeout());
      sim.schedule(new Fault.Crash(setup.timeout() + rng.nextLong(span), OUTSIDER));
    }
    if (setup.driftPpm() > 0) {
      // drawn in the plain run too, so that both runs draw the same faults
      List<Fault> clocks = Nemesis.clocks(rng, setup.nodes(), 3_600_000, setup.driftPpm());
      if (setup.skewed()) {
        clocks.forEach(sim::schedule);
      }
    }
    setup.faults().accept(sim, rng);
    // Each probe schedules the next, so that it runs after the events already due at that
    // moment (a timer set long before, say): answers are judged after those events too.
    sim.at(setup.probeEvery(), () -> probe(run));
    try {
      sim.run();
    } catch (SimulationException e) {
      if (run.threwOnOutsider == null) {
        throw e;
      }
      Set<String> pair = Set.of(run.threwOnOutsider, OUTSIDER);
      String text = e.trace() == null ? "" : Timeline.of(e.trace()).maxLines(60)
          .filter(x -> concerns(x, pair)).render();
      return new Outcome(e.getMessage() + ". " + OUTSIDER + " is not one of "
          + run.threwOnOutsider + "'s peers: a heartbeat from a node that is not a peer is "
          + "ignored.", OUTSIDER_THREW, e.fired(), text, e.getCause(), List.of(), 0, e.trace());
    }
    if (run.problem == null) {
      for (String id : setup.nodes()) {
        if (sim.node(id) instanceof Watched w) {
          w.finish();
        }
      }
    }
    Problem p = run.problem;
    if (p == null) {
      return Outcome.passed(sim);
    }
    Set<String> pair = new HashSet<>(List.of(p.observer(), p.peer()));
    Timeline timeline = Timeline.of(sim.trace()).maxLines(60).filter(e -> concerns(e, pair));
    if (p.error() != null) {
      String text = sim.trace() == null ? "" : timeline.render();
      return new Outcome(p.text(), p.reason(), sim.fired(), text, p.error(), List.of(),
          sim.fingerprint(), sim.trace());
    }
    return Outcome.failed(sim, p.reason(), p.text(), timeline);
  }

  private static void probe(Run run) {
    if (run.problem != null) {
      return;
    }
    long next = run.sim.now() + run.setup.probeEvery();
    if (next <= run.sim.plan().horizon()) {
      run.sim.at(next, () -> probe(run));
    }
    List<Watched> live = new ArrayList<>();
    for (String id : run.setup.nodes()) {
      if (run.sim.node(id) instanceof Watched w) {
        live.add(w);
      }
    }
    // What a node sent first: a missing heartbeat explains what its peers conclude.
    for (Watched w : live) {
      w.checkSends();
    }
    for (Watched w : live) {
      if (run.problem == null) {
        w.checkSuspects();
      }
    }
  }

  /** Events at or between the observer and the suspect, and network faults. */
  private static boolean concerns(TraceEvent e, Set<String> pair) {
    if (e.type() == TraceEvent.Type.NETWORK) {
      return true;
    }
    return pair.contains(e.node()) && (e.peer().isEmpty() || pair.contains(e.peer()));
  }

  private static void sweep(String property, int seeds, LongFunction<Setup> setups) {
    for (long seed : Seeds.sweep(seeds)) {
      Setup setup = setups.apply(seed);
      Scenario scenario = plan -> run(setup, plan);
      Shrinker.Result r = Shrinker.firstFailure(scenario, new long[] {seed}, setup.horizon());
      if (r != null) {
        String hint = HINTS.get(r.outcome().reason());
        Setup plain = setup.baseline();
        if (plain != null && passes(plain, seed)) {
          hint = setup.twistHint(); // only the twist makes it fail
        }
        Throwable error = r.outcome().error();
        if (error instanceof UnsupportedOperationException && String.valueOf(error.getMessage())
            .contains("TODO")) {
          // still the stub: the verdict says what is not implemented yet
          throw Seeds.failure(seed, r.report(), error, hint);
        }
        // The learner's exception goes inside an AssertionError, so that the verdict shows the
        // whole scenario it happened in, not only the exception.
        String where = error == null ? "" : "\nYour code threw " + error.getClass().getSimpleName()
            + (error.getMessage() == null ? "" : ": " + error.getMessage()) + where(error) + ".";
        throw Seeds.failure(seed, property + "\nSetup: " + setup.describe() + where + "\n"
            + r.report(), error == null ? null : new AssertionError(where.strip(), error), hint);
      }
    }
  }

  /** " at HeartbeatDetector.java:12 (in onMessage)": the learner's line, if on the stack. */
  private static String where(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      for (StackTraceElement f : c.getStackTrace()) {
        if ("HeartbeatDetector.java".equals(f.getFileName())) {
          return " at HeartbeatDetector.java:" + f.getLineNumber() + " (in " + f.getMethodName()
              + ")";
        }
      }
    }
    return "";
  }

  private static boolean passes(Setup setup, long seed) {
    try {
      return !run(setup, RunPlan.of(seed, setup.horizon())).failed();
    } catch (SimulationException e) {
      return false;
    }
  }

  private static BiConsumer<Simulation, SplittableRandom> crashes(List<String> nodes, int max,
      long from, long to, long minDown, long maxDown) {
    return (sim, rng) -> {
      for (Fault f : Nemesis.crashes(rng, nodes, max, from, to, 0)) {
        sim.schedule(f);
        if (maxDown > 0) {
          sim.schedule(new Fault.Restart(f.at() + minDown + rng.nextLong(maxDown - minDown + 1),
              ((Fault.Crash) f).node()));
        }
      }
    };
  }

  @Test
  @Order(1)
  @DisplayName("no node is suspected while its heartbeats arrive within the timeout")
  @Hint(TIMEOUT_HINT)
  void noFalseSuspicions() {
    // some heartbeats are 50 ms late: still within the 100 ms timeout
    sweep("A node whose heartbeats keep arriving, some of them late but all within the timeout, "
        + "must never be suspected.", 30, seed -> Setup.of(NET.withSlow(0.1, 50),
        (sim, rng) -> {}));
  }

  @Test
  @Order(2)
  @DisplayName("each node sends every peer a heartbeat at start and then every interval, "
      + "suspected peers too")
  @Hint(CLOCK_HINT)
  void heartbeatsGoToEveryPeer() {
    sweep("Every node sends a heartbeat to each of its peers as it starts, and then every "
        + "interval, whether it suspects that peer or not; after a partition heals, every node "
        + "is cleared again.", 30, seed -> Setup.of(NET, (sim, rng) -> {
          Nemesis.partitions(rng, NODES, 2, 50, 900, 400).forEach(sim::schedule);
          crashes(NODES, 1, 100, 1_000, 100, 300).accept(sim, rng);
        }));
  }

  @Test
  @Order(3)
  @DisplayName("a crashed node is suspected once more than the timeout has passed since its "
      + "last heartbeat arrived")
  @Hint(TIMEOUT_HINT)
  void crashedNodesAreSuspected() {
    sweep("A node that crashed must be suspected by every live node as soon as more than the "
        + "timeout has passed since its last heartbeat arrived, and stay suspected while it is "
        + "down.", 30, seed -> Setup.of(NET, crashes(NODES, 2, 100, 1_000, 0, 0)));
  }

  @Test
  @Order(4)
  @DisplayName("the first heartbeat from a suspected node clears it, duplicated and late ones "
      + "included")
  @Hint(CLEARING_HINT)
  void recoveredNodesAreCleared() {
    sweep("A node that crashed and restarted must stop being suspected as soon as its first "
        + "heartbeat arrives; every heartbeat that arrives counts, a duplicate or a late one "
        + "too.", 30, seed -> Setup.of(NET.withDuplicate(0.1).withSlow(0.05, 40),
        crashes(NODES, 3, 100, 700, 30, 300)));
  }

  @Test
  @Order(5)
  @DisplayName("a peer silent for exactly the timeout is not suspected; one millisecond more and "
      + "it is")
  @Hint(TIMEOUT_HINT)
  void suspicionBoundaryIsStrict() {
    sweep("A peer is suspected exactly when more than the timeout has passed since its last "
        + "heartbeat arrived (or since start): not at the timeout itself, and not a millisecond "
        + "after it.", 60, seed -> {
          SplittableRandom r = new SplittableRandom(seed * 31 + 7);
          int n = 2 + r.nextInt(2);
          long interval = 1 + r.nextInt(40);
          long timeout = interval + 1 + r.nextInt(120);
          long maxDelay = 1 + r.nextInt((int) interval + 30);
          List<String> ids = NODES.subList(0, n);
          Setup s = Setup.of(SimConfig.reliable().withDelay(Delay.uniform(1, maxDelay)),
              crashes(ids, 1, timeout, 6 * timeout, timeout, 3 * timeout));
          return s.sized(ids, interval, timeout, 20 + 10 * timeout, 1);
        });
  }

  @Test
  @Order(6)
  @DisplayName("a peer never heard from is suspected after the timeout; a node suspects only its "
      + "peers, never itself or another node that sends it heartbeats")
  @Hint(CLEARING_HINT)
  void onlyPeersAreWatched() {
    sweep("A peer that has never sent a heartbeat (it never started) is suspected once more than "
        + "the timeout has passed since this node started. A node that is not a peer is never "
        + "suspected, even if it sends heartbeats and then goes silent.", 30, seed -> {
          SplittableRandom r = new SplittableRandom(seed);
          return Setup.of(NET, crashes(NODES, 1, 100, 1_000, 0, 0))
              .silentNode(NODES.get(r.nextInt(NODES.size()))).withOutsider();
        });
  }

  @Test
  @Order(7)
  @DisplayName("detection works with clocks an hour apart that drift by up to 1%")
  @Hint(CLOCK_HINT)
  void clocksMayDisagree() {
    sweep("Clocks disagree: each node's clock is up to an hour ahead or behind and runs up to 1% "
        + "fast or slow. Silence is measured on the observer's own clock: compare only readings "
        + "of the same node's clock, and time with timers.", 30,
        seed -> Setup.of(NET.withSlow(0.1, 50), crashes(NODES, 2, 100, 1_000, 50, 300))
            .drift(10_000));
  }

  @Test
  @Order(8)
  @DisplayName("detection is exact for 2 to 8 nodes, intervals from 1 ms to 200 ms and timeouts "
      + "up to 1.4 s")
  @Hint(TIMEOUT_HINT)
  void sizesAndPeriods() {
    sweep("The rules hold for any cluster size, interval and timeout the constructor accepts, "
        + "over runs of hundreds or thousands of heartbeats.", 40, seed -> {
          SplittableRandom r = new SplittableRandom(seed * 131 + 3);
          int n = 2 + r.nextInt(7);
          long interval = Math.round(Math.exp(r.nextDouble() * Math.log(200)));
          long maxDelay = 1 + r.nextLong(2 * interval + 5);
          long timeout = interval + 1 + r.nextLong(4 * interval + maxDelay + 1);
          List<String> ids = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            ids.add("n" + i);
          }
          long horizon = Math.max(1_000, 12 * timeout);
          long every = Math.max(1, interval / 10);
          Setup s = Setup.of(SimConfig.reliable().withDelay(Delay.uniform(1, maxDelay))
                  .withDuplicate(0.05),
              crashes(ids, Math.max(1, n / 2), timeout, 8 * timeout, 1, 3 * timeout));
          return s.sized(List.copyOf(ids), interval, timeout, horizon, every);
        });
  }

  @Test
  @Order(9)
  @DisplayName("the detector keeps its own copy of the peer list and hands out sets the caller "
      + "may keep or change")
  @Hint(PEERS_HINT)
  void peersAreCopied() {
    List<String> callers = new ArrayList<>(List.of("n2", "n3", "n1"));
    new HeartbeatDetector(callers, 20, 100);
    if (!callers.equals(List.of("n2", "n3", "n1"))) {
      throw Because.of(PEERS_HINT, "new HeartbeatDetector([n2, n3, n1], 20, 100) changed the "
          + "caller's list to " + callers + ". The list is the caller's: copy it, and leave it "
          + "as it was.");
    }
    sweep("The suite hands each detector its peers as an unmodifiable list (as List.of gives): "
        + "the detector must not try to change it.", 15,
        seed -> Setup.of(NET, crashes(NODES, 1, 100, 1_000, 50, 300))
            .peers(PeerList.UNMODIFIABLE));
    sweep("The suite hands each detector its peers in an ArrayList and clears that list right "
        + "after the constructor returns, as a caller that reuses its list would: the detector "
        + "must go on watching, and sending heartbeats to, the peers it was given.", 15,
        seed -> Setup.of(NET, crashes(NODES, 1, 100, 1_000, 50, 300))
            .peers(PeerList.CLEARED_AFTER));
  }

  @Test
  @Order(10)
  @DisplayName("the same seed gives the same run: randomness and time come only from the "
      + "Context")
  @Hint(CLOCK_HINT)
  void runsAreDeterministic() {
    for (long seed : Seeds.sweep(10)) {
      Setup setup = Setup.of(NET.withDuplicate(0.1), crashes(NODES, 2, 100, 1_000, 50, 300));
      String problem = Determinism.check(plan -> run(setup, plan), RunPlan.of(seed, HORIZON));
      if (problem != null) {
        throw Seeds.failure(seed, "Setup: " + setup.describe() + "\n" + problem, null,
            CLOCK_HINT);
      }
    }
  }

  @Test
  @Order(11)
  @DisplayName("the detector rejects an interval below 1 ms and a timeout not longer than the "
      + "interval")
  @Hint(TIMEOUT_HINT)
  void argumentsAreChecked() {
    List<String> peers = List.of("n2", "n3");
    long[][] bad = {{20, 20}, {20, 10}, {0, 100}, {-5, 100}, {1, 1}, {1_000, 999}};
    for (long[] it : bad) {
      try {
        new HeartbeatDetector(peers, it[0], it[1]);
        fail("new HeartbeatDetector([n2, n3], " + it[0] + ", " + it[1] + ") was accepted; "
            + "expected IllegalArgumentException: the interval must be at least 1 ms and the "
            + "timeout longer than the interval, or every peer is suspected between heartbeats.");
      } catch (IllegalArgumentException expected) {
        // good
      }
    }
    long[][] good = {{20, 21}, {1, 2}, {1, 100}, {1_000, 1_001}, {60_000, 3_600_000}};
    for (long[] it : good) {
      try {
        new HeartbeatDetector(peers, it[0], it[1]);
      } catch (RuntimeException e) {
        throw new AssertionError("new HeartbeatDetector([n2, n3], " + it[0] + ", " + it[1]
            + ") threw " + e + "; an interval of at least 1 ms with a longer timeout is valid.",
            e);
      }
    }
  }
}
