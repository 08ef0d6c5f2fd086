import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import dstutor.kit.Context;
import dstutor.kit.Node;
import dstutor.sim.Delay;
import dstutor.sim.Determinism;
import dstutor.sim.Fault;
import dstutor.sim.ForwardingContext;
import dstutor.sim.Outcome;
import dstutor.sim.RunPlan;
import dstutor.sim.SimConfig;
import dstutor.sim.Simulation;
import dstutor.sim.SimulationException;
import dstutor.sim.Timeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for kafka-isr-replication. The learner's replicas run in dstutor's simulator beside
 * the suite's own controller (it sends LeaderAndIsr, and when a leader crashes it elects a new
 * one from the ISR the dead leader last kept), a producer and a consumer. What the suite checks is
 * what clients observe and what the replicas hold: acknowledged acks=all records survive every
 * failover, consumers see only records below the high-water mark and never one that changes or
 * disappears, the ISR loses crashed and cut-off followers and takes them back, min.insync.replicas
 * refuses writes, replicas converge after failovers by leader-epoch truncation, each follower
 * keeps one fetch in flight (FetchWatch), and runs replay from their seed. Every expected value
 * comes from what the suite itself sent and saw; nothing is statistical except the random runs'
 * schedules, which are functions of the seed (calibrated in KafkaIsrCalibrationTest: correct
 * replicas with other random streams pass).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class KafkaIsrReplicationSuite {
  private static final String FETCH = "follower-fetch";
  private static final String HW = "high-water-mark";
  private static final String ACKS = "acks";
  private static final String MIN_ISR = "min-insync";
  private static final String LAG = "lag-rule";
  private static final String FAILOVER = "failover";
  private static final String TRUNCATE = "epoch-truncation";
  private static final String DETERMINISM = "determinism";

  private static final long LAG_MS = 100;
  private static final long FETCH_MS = 10;
  private static final long MAX_DELAY = 10;

  @Test
  @Order(1)
  @DisplayName("followers replicate the leader's log, the ISR stays whole and acks=all is"
      + " answered once every in-sync replica has the record")
  @Hint(FETCH)
  void followersReplicateAndTheIsrStaysWhole() {
    for (int n : new int[] {1, 2, 3, 5}) {
      Run run = new Run(0, n, 2_000, Math.min(n, 2), SimConfig.reliable(), 0);
      run.producer.every(15, 1_500, 0.5);
      if (n > 1) {
        // Idle now: the last follower lacks nothing, so it stays in sync while it cannot fetch.
        run.partitionAt(1_600, List.of("r" + n), 1_950);
      }
      run.expectFullIsrUntil = 1_900;
      run.run();
      run.checkEnd(true);
      run.checkAllAnswered(100, 1_500, 6 * MAX_DELAY, "with no fault at all");
    }
  }

  @Test
  @Order(2)
  @DisplayName("a follower keeps one fetch in flight: it fetches again once the answer to its"
      + " last fetch arrived, and retries only when it has sent none for 3 x fetchIntervalMs")
  @Hint(FETCH)
  void aFollowerKeepsOneFetchInFlight() {
    // With no fault first (the timeline shows it), then random runs: lost and duplicated
    // answers, partitions and failovers, where a retry or a new leader allows the next fetch.
    Run quiet = new Run(0, 3, 1_000, 2, SimConfig.reliable(), 0);
    quiet.watchFetches = true;
    quiet.producer.every(15, 800, 0.5);
    quiet.run();
    Seeds.forEach(8, seed -> {
      Run run = Run.random(seed, false);
      run.watchFetches = true;
      run.run();
    });
  }

  @Test
  @Order(3)
  @DisplayName("the lag rule drops a crashed or cut-off follower from the ISR within its bound,"
      + " and a follower rejoins once it has fetched up to the high-water mark")
  @Hint(LAG)
  void theIsrDropsLaggardsAndTakesThemBack() {
    Run run = new Run(0, 3, 3_000, 1, SimConfig.reliable(), 0);
    run.producer.every(15, 1_650, 1.0);
    run.crashAt(500, "r3", false);
    // r2's fetches still reach r1, but r1's answers do not reach r2: r2 keeps fetching from the
    // same offset, and is not caught up.
    run.blockAt(1_200, "r1", "r2");
    run.sim.schedule(new Fault.Heal(1_700));
    run.isrChecks.add(new IsrCheck("r3", 500, false));
    run.isrChecks.add(new IsrCheck("r2", 1_200, false));
    run.isrChecks.add(new IsrCheck("r2", 1_700, true));
    run.run();
    run.checkEnd(false);
    // With r3 out and min.insync.replicas = 1, acks=all is answered again.
    run.checkAllAnswered(500 + 2 * LAG_MS, 1_200, 2 * LAG_MS, "once crashed r3 had left the ISR");
    // r2 cut off and out too: the ISR is r1 alone, so acks=all is committed in the call that
    // appends it.
    run.checkAllAnswered(1_200 + 2 * LAG_MS, 1_650, 2 * MAX_DELAY, "with the ISR down to r1"
        + " alone (r3 crashed, r2 cut off)");
  }

  @Test
  @Order(4)
  @DisplayName("acks=1 is answered on the leader's append alone, so a failover can lose it (a"
      + " demonstration, as in Kafka); acks=all waits for the ISR and is never lost")
  @Hint(ACKS)
  void acksOneCanBeLostAndAcksAllWaits() {
    Run run = new Run(0, 3, 1_200, 1, SimConfig.reliable(), 0);
    run.partitionAt(200, List.of("r1"), 260);
    run.producer.at(210, "one-1", 1);
    run.producer.at(212, "all-1", KafkaIsrProtocol.ACKS_ALL);
    run.crashAt(240, "r1", true);
    run.producer.every(20, 1_000, 0.5, 300);
    run.run();
    Req one = run.producer.byValue("one-1");
    if (one.response == null || one.response.error() != KafkaIsrProtocol.Errors.NONE
        || one.answeredAt > 210 + 2 * MAX_DELAY) {
      throw run.fail(ACKS, "Produce(one-1, acks=1) was sent to leader r1 at 210 ms (r1 cut off"
          + " from r2 and r3 since 200 ms, ISR still {r1, r2, r3}); expected ProduceResponse("
          + "NONE) within " + 2 * MAX_DELAY + " ms: acks=1 is answered in the call that"
          + " appends the record, on the leader's own log. Got " + one.describeAnswer() + ".");
    }
    Req all = run.producer.byValue("all-1");
    if (all.response != null && all.response.error() == KafkaIsrProtocol.Errors.NONE) {
      throw run.fail(ACKS, "Produce(all-1, acks=all) was sent to leader r1 at 212 ms, while r2"
          + " and r3 (both in the ISR) could not fetch; it was answered NONE at "
          + all.answeredAt + " ms. acks=all is answered only when the high-water mark passes"
          + " the record, that is when every in-sync replica has it.");
    }
    run.checkEnd(false);
    KafkaReplica leader = run.liveLeader();
    for (KafkaIsrProtocol.Rec r : leader.log()) {
      if (r.value().equals("one-1")) {
        throw run.fail(ACKS, "one-1 (acks=1) is on new leader " + run.controller.leader
            + ", which never fetched it from r1: a record appears that no fetch carried.");
      }
    }
    // The demonstration: one-1 was acknowledged, and after the failover it is gone. That is
    // Kafka's documented trade-off for acks=1, not a fault of the replica.
  }

  @Test
  @Order(5)
  @DisplayName("min.insync.replicas: acks=all is refused while the ISR is too small, and"
      + " answered NOT_ENOUGH_REPLICAS_AFTER_APPEND when it shrank after the append")
  @Hint(MIN_ISR)
  void minInsyncReplicasRefusesWrites() {
    Run run = new Run(0, 3, 1_600, 2, SimConfig.reliable(), 0);
    run.producer.at(100, "before", KafkaIsrProtocol.ACKS_ALL);
    run.partitionAt(300, List.of("r1"), 900);
    run.producer.at(305, "shrinking", KafkaIsrProtocol.ACKS_ALL);
    run.producer.at(700, "refused", KafkaIsrProtocol.ACKS_ALL);
    run.producer.at(702, "alone", 1);
    run.producer.at(1_200, "after", KafkaIsrProtocol.ACKS_ALL);
    run.run();
    run.expectAnswer("before", KafkaIsrProtocol.Errors.NONE, MIN_ISR,
        "the ISR was {r1, r2, r3}, at least min.insync.replicas = 2");
    run.expectAnswer("shrinking", KafkaIsrProtocol.Errors.NOT_ENOUGH_REPLICAS_AFTER_APPEND,
        MIN_ISR, "r1 appended it with ISR {r1, r2, r3}, then r2 and r3 (cut off at 300 ms) left"
            + " the ISR and the high-water mark passed it with ISR {r1}, smaller than"
            + " min.insync.replicas = 2");
    Req shrinking = run.producer.byValue("shrinking");
    long by = 300 + LAG_MS + LAG_MS / 2 + FETCH_MS + 3 * MAX_DELAY;
    if (shrinking.answeredAt > by) {
      throw run.fail(LAG, shrinking.describe() + " was answered at " + shrinking.answeredAt
          + " ms; r2 and r3 could not fetch from 300 ms on, so they leave the ISR by "
          + (by - MAX_DELAY) + " ms, and the high-water mark, recomputed when the ISR shrinks,"
          + " passes the record then: expected the answer by " + by + " ms.");
    }
    run.expectAnswer("refused", KafkaIsrProtocol.Errors.NOT_ENOUGH_REPLICAS, MIN_ISR,
        "the ISR was {r1}, smaller than min.insync.replicas = 2: refuse it and do not append");
    run.expectAnswer("alone", KafkaIsrProtocol.Errors.NONE, ACKS,
        "acks=1 does not look at min.insync.replicas");
    run.expectAnswer("after", KafkaIsrProtocol.Errors.NONE, LAG,
        "r2 and r3 were back in the ISR after the partition healed at 900 ms");
    for (KafkaIsrProtocol.Rec r : run.liveLeader().log()) {
      if (r.value().equals("refused")) {
        throw run.fail(MIN_ISR, "\"refused\" (acks=all, answered NOT_ENOUGH_REPLICAS) is in"
            + " leader r1's log: a refused record is not appended.");
      }
    }
    run.checkEnd(false);
  }

  @Test
  @Order(6)
  @DisplayName("after a failover, a follower truncates where its log diverged from the new"
      + " leader's (leader epochs), and every replica converges")
  @Hint(TRUNCATE)
  void followersTruncateByLeaderEpoch() {
    // r3 is cut off from r1's responses; r2 gets records r3 lacks; r1 dies; r3 leads epoch 1 and
    // appends at the offsets where r2 holds epoch-0 records: r2 must truncate them.
    Run run = new Run(0, 3, 2_000, 2, SimConfig.reliable(), 0);
    run.blockAt(100, "r1", "r3");
    for (int i = 0; i < 5; i++) {
      run.producer.at(110 + 5 * i, "e0-" + i, 1);
    }
    run.crashAt(170, "r1", true);
    run.controller.prefer = "r3";
    run.producer.every(15, 700, 1.0, 200);
    run.crashAt(800, "r3", true);
    run.producer.every(15, 1_700, 0.0, 850);
    run.run();
    // r3 leads epoch 1 with ISR {r3, r2}: once r2 has truncated and caught up, acks=all flows.
    run.checkAllAnswered(200, 700, 4 * FETCH_MS + 4 * MAX_DELAY, "after r3 took over with ISR"
        + " {r2, r3} and r2 had to truncate its epoch-0 records", TRUNCATE);
    run.checkEnd(false);
  }

  @Test
  @Order(7)
  @DisplayName("truncation when the new leader lacks the follower's last epoch: the follower"
      + " truncates to the smaller of the leader's end offset and its own for that epoch")
  @Hint(TRUNCATE)
  void truncationWhenTheLeaderLacksTheFollowersEpoch() {
    // Epoch 0 (r1): r2 gets three records r3 and r4 never get. Epoch 1 (r3): r4 gets epoch-1
    // records at those offsets, r2 none. Epoch 2 (r2): r4 asks with lastFetchedEpoch 1, which r2
    // lacks; r2 answers epoch 0 with end offset = where its epoch 2 starts. r4's own end for
    // epoch 0 is lower: it must truncate there, not at r2's end.
    // r4's diverging answer is also delivered again, late, once its log end is back at that
    // answer's fetchOffset with records of epoch 2: it must ignore it (its last epoch differs).
    Run run = new Run(0, 4, 1_200, 1, SimConfig.reliable(), 0);
    run.lateDuplicates.add("r4");
    run.producer.every(15, 95, 0.0, 20);
    run.blockAt(100, "r1", "r3");
    run.blockAt(100, "r1", "r4");
    for (int i = 0; i < 3; i++) {
      run.producer.at(110 + 10 * i, "e0-" + i, 1);
    }
    run.blockAt(148, "r3", "r2");
    run.crashAt(150, "r1", true);
    run.controller.prefer = "r3";
    for (int i = 0; i < 6; i++) {
      run.producer.at(170 + 10 * i, "e1-" + i, 1);
    }
    run.crashAt(240, "r3", true);
    run.sim.schedule(new Fault.Heal(241));
    run.producer.every(15, 600, 0.0, 300);
    run.at(244, () -> run.controller.prefer = "r2");
    run.run();
    run.checkEnd(false);
  }

  @Test
  @Order(8)
  @DisplayName("random runs with lost, duplicated and reordered messages, partitions and"
      + " leader crashes: acknowledged acks=all records survive, consumers never see a record"
      + " change or disappear, replicas converge")
  @Hint(FAILOVER)
  void acknowledgedRecordsSurviveFailovers() {
    Seeds.forEach(24, seed -> {
      Run run = Run.random(seed, false);
      run.run();
      run.checkEnd(false);
    });
  }

  @Test
  @Order(9)
  @DisplayName("a run is a function of its seed: replicas draw time and randomness only from"
      + " their Context")
  @Hint(DETERMINISM)
  void runsReplayFromTheirSeed() {
    for (long seed : Seeds.sweep(2)) {
      String problem = Determinism.check(plan -> {
        Run run = Run.random(plan.seed(), plan.trace());
        try {
          run.run();
        } catch (AssertionError e) {
          return Outcome.failed(run.sim, "", e.getMessage(), Map.of());
        }
        return Outcome.passed(run.sim);
      }, RunPlan.of(seed, 2_500));
      if (problem != null) {
        throw Seeds.failure(seed, problem, null, DETERMINISM);
      }
    }
  }

  @Test
  @Order(10)
  @DisplayName("bad settings are rejected")
  @Hint(FETCH)
  void badSettingsAreRejected() {
    Object[][] bad = {{List.of(), 100L, 1, 10L}, {List.of("r1"), 0L, 1, 10L},
        {List.of("r1"), 100L, 0, 10L}, {List.of("r1"), 100L, 1, 0L}};
    for (Object[] b : bad) {
      String call = String.format(Locale.ROOT, "new KafkaReplica(%s, %s, %s, %s)", b[0], b[1],
          b[2], b[3]);
      try {
        @SuppressWarnings("unchecked")
        List<String> replicas = (List<String>) b[0];
        new KafkaReplica(replicas, (Long) b[1], (Integer) b[2], (Long) b[3]);
      } catch (IllegalArgumentException expected) {
        continue;
      }
      throw Because.of(FETCH, call + " returned; expected IllegalArgumentException (replicas"
          + " must not be empty; lagTimeMaxMs, minInsyncReplicas and fetchIntervalMs at least"
          + " 1).");
    }
    try {
      new KafkaReplica(List.of("r1"), 1, 1, 1);
    } catch (IllegalArgumentException e) {
      throw Because.of(FETCH, "new KafkaReplica([r1], 1, 1, 1) threw " + e + "; 1 is a valid"
          + " lagTimeMaxMs, minInsyncReplicas and fetchIntervalMs.", e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // A run: replicas r1..rN, the controller, a producer and a consumer

  /** A request the producer sent, and its answer. */
  static final class Req {
    final long id;
    final String value;
    final int acks;
    final long sentAt;
    final String to;
    KafkaIsrProtocol.ProduceResponse response;
    long answeredAt = -1;

    Req(long id, String value, int acks, long sentAt, String to) {
      this.id = id;
      this.value = value;
      this.acks = acks;
      this.sentAt = sentAt;
      this.to = to;
    }

    String describe() {
      return "Produce(" + value + ", acks=" + (acks == 1 ? "1" : "all") + ") sent to " + to
          + " at " + sentAt + " ms";
    }

    String describeAnswer() {
      return response == null ? "no answer" : "ProduceResponse(offset " + response.offset()
          + ", " + response.error() + ") at " + answeredAt + " ms";
    }
  }

  /** Expected ISR membership of a follower from a time on (within the lag rule's bound). */
  record IsrCheck(String follower, long from, boolean in) {}

  /**
   * Wraps a replica so that every diverging FetchResponse it received is delivered to it once
   * more, as a late duplicate, at the moment its log end is back at that response's fetchOffset
   * (after it truncated and fetched again). The network may do exactly that (duplicates and
   * reordering); only the answer to the fetch the follower would send now may be applied, and
   * this one carries a lastFetchedEpoch its log no longer ends with.
   */
  static final class LateDuplicates implements Node {
    private final KafkaReplica replica;
    /** The replica, or a FetchWatch around it: what the messages are delivered to. */
    private final Node node;
    private final List<Map.Entry<String, KafkaIsrProtocol.FetchResponse>> diverging =
        new ArrayList<>();

    private Context ctx;

    LateDuplicates(KafkaReplica replica, Node node) {
      this.replica = replica;
      this.node = node;
    }

    @Override
    public void start(Context ctx) {
      this.ctx = ctx;
      node.start(ctx);
    }

    @Override
    public void onTimer(Object tag) {
      node.onTimer(tag);
    }

    @Override
    public void onMessage(String from, Object message) {
      node.onMessage(from, message);
      if (message instanceof KafkaIsrProtocol.FetchResponse r && r.divergingEndOffset() >= 0) {
        diverging.add(Map.entry(from, r));
        return;
      }
      List<KafkaIsrProtocol.Rec> log = replica.log();
      int lastEpoch = log.isEmpty() ? -1 : log.get(log.size() - 1).epoch();
      for (var it = diverging.iterator(); it.hasNext(); ) {
        var e = it.next();
        if (e.getValue().fetchOffset() == log.size()
            && e.getValue().lastFetchedEpoch() != lastEpoch) {
          it.remove();
          ctx.log("the suite delivers again, late: <- " + e.getKey() + "  " + e.getValue()
              + " (a duplicate of the answer to an earlier fetch; to be ignored)");
          node.onMessage(e.getKey(), e.getValue());
          return;
        }
      }
    }
  }

  /**
   * Sits between the simulator and one replica and checks the brief's fetch loop: a follower
   * keeps one fetch in flight. It may send a Fetch when it starts following a leader (a
   * LeaderAndIsr with a newer epoch), once an answer to its last Fetch arrived (or one it would
   * apply: the answer to the fetch it would send now), and when it has sent none for 3 x
   * fetchIntervalMs (a fetch or its answer was lost); one Fetch per such occasion. Whether it
   * fetches in the call that brings the answer or at its next tick is its own business: this
   * counts only fetches beyond those occasions. What is expected comes from the messages the
   * replica was delivered, not from what it sent earlier.
   */
  static final class FetchWatch implements Node {
    private final Run run;
    private final KafkaReplica replica;
    private Context ctx;
    private int epoch = -1;
    private String leader;
    /** Its last Fetch and when it was sent; null before the first. */
    private KafkaIsrProtocol.Fetch last;
    private long lastAt;
    /** Whether one more Fetch is allowed now. */
    private boolean mayFetch;
    /** What the replica is handling while it sends, for the message. */
    private String handling = "";
    private int sent;
    private int answered;

    FetchWatch(Run run, KafkaReplica replica) {
      this.run = run;
      this.replica = replica;
    }

    @Override
    public void start(Context ctx) {
      this.ctx = ctx;
      handling = "in start()";
      replica.start(ForwardingContext.tapping(ctx, this::sending));
    }

    @Override
    public void onTimer(Object tag) {
      handling = "on its timer (" + tag + ")";
      replica.onTimer(tag);
    }

    @Override
    public void onMessage(String from, Object message) {
      handling = "while handling " + describe(message) + " from " + from;
      if (message instanceof KafkaIsrProtocol.LeaderAndIsr m && m.epoch() > epoch) {
        epoch = m.epoch();
        leader = m.leader();
        mayFetch = true;
      } else if (message instanceof KafkaIsrProtocol.FetchResponse r) {
        if (from.equals(leader) && r.epoch() == epoch && (answersLast(r) || answersNow(r))) {
          answered++;
          mayFetch = true;
        } else {
          handling += " (an answer neither to its last Fetch nor to the one it would send now:"
              + " a late or duplicated one, to be ignored)";
        }
      }
      replica.onMessage(from, message);
    }

    private boolean answersLast(KafkaIsrProtocol.FetchResponse r) {
      return last != null && last.epoch() == r.epoch() && last.fetchOffset() == r.fetchOffset()
          && last.lastFetchedEpoch() == r.lastFetchedEpoch();
    }

    private boolean answersNow(KafkaIsrProtocol.FetchResponse r) {
      List<KafkaIsrProtocol.Rec> log = replica.log();
      int lastEpoch = log.isEmpty() ? -1 : log.get(log.size() - 1).epoch();
      return r.fetchOffset() == log.size() && r.lastFetchedEpoch() == lastEpoch;
    }

    private void sending(String to, Object message) {
      if (!(message instanceof KafkaIsrProtocol.Fetch f)) {
        return;
      }
      long now = ctx.now();
      if (last != null && !mayFetch && now - lastAt < 3 * FETCH_MS) {
        run.violate(FETCH, ctx.id() + " sent " + describe(f) + " to " + to + " " + handling
            + ", " + (now - lastAt) + " ms after its previous " + describe(last) + " (at "
            + lastAt + " ms), and no answer to that one had arrived since: 2 fetches in flight."
            + " Until then " + ctx.id() + " had sent " + sent + (sent == 1 ? " fetch" : " fetches")
            + " and received " + answered + (answered == 1 ? " answer" : " answers")
            + " to them. A follower keeps one fetch in flight: it"
            + " sends a Fetch when it starts following a leader, once it applied the answer"
            + " to its last one, and otherwise only when it has sent none for 3 x"
            + " fetchIntervalMs = " + 3 * FETCH_MS + " ms (the fetch or its answer was lost);"
            + " not on every tick.");
      }
      sent++;
      last = f;
      lastAt = now;
      mayFetch = false;
    }

    private static String describe(Object message) {
      if (message instanceof KafkaIsrProtocol.Fetch f) {
        return "Fetch(epoch " + f.epoch() + ", fetchOffset " + f.fetchOffset()
            + ", lastFetchedEpoch " + f.lastFetchedEpoch() + ")";
      }
      if (message instanceof KafkaIsrProtocol.FetchResponse r) {
        return "FetchResponse(epoch " + r.epoch() + ", fetchOffset " + r.fetchOffset()
            + ", lastFetchedEpoch " + r.lastFetchedEpoch() + ", " + r.records().size()
            + (r.records().size() == 1 ? " record)" : " records)");
      }
      return message.getClass().getSimpleName();
    }
  }

  static final class Run {
    final long seed;
    final int n;
    final long horizon;
    final int minIsr;
    final Simulation sim;
    final List<String> ids = new ArrayList<>();
    final Map<String, KafkaReplica> objects = new HashMap<>();
    final Controller controller;
    final Producer producer;
    final Consumer consumer;
    final List<IsrCheck> isrChecks = new ArrayList<>();
    /** Replicas whose diverging FetchResponses arrive once more, late (see LateDuplicates). */
    final Set<String> lateDuplicates = new TreeSet<>();
    /** Whether each replica's fetches are counted (see FetchWatch). */
    boolean watchFetches;
    final List<String> events = new ArrayList<>();
    final String shape;
    long expectFullIsrUntil = -1;
    final Map<String, Long> lastHw = new HashMap<>();
    String violationHint;
    String violation;

    Run(long seed, int n, long horizon, int minIsr, SimConfig config, long consumerStart) {
      this(seed, n, horizon, minIsr, config, consumerStart, true);
    }

    Run(long seed, int n, long horizon, int minIsr, SimConfig config, long consumerStart,
        boolean trace) {
      this.seed = seed;
      this.n = n;
      this.horizon = horizon;
      this.minIsr = minIsr;
      this.sim = new Simulation(new RunPlan(seed, null, horizon, trace), config);
      this.shape = String.format(Locale.ROOT, "%d replica%s (r1 leads first),"
          + " replica.lag.time.max.ms = %d, min.insync.replicas = %d, fetch every %d ms,"
          + " messages %s%s", n, n == 1 ? "" : "s", LAG_MS, minIsr, FETCH_MS, config.delay(),
          config.drop() > 0 || config.duplicate() > 0
              ? String.format(Locale.ROOT, ", %.0f%% lost, %.0f%% duplicated",
                  100 * config.drop(), 100 * config.duplicate()) : "");
      for (int i = 1; i <= n; i++) {
        ids.add("r" + i);
      }
      for (String id : ids) {
        sim.addNode(id, () -> {
          KafkaReplica r = new KafkaReplica(List.copyOf(ids), LAG_MS, minIsr, FETCH_MS);
          objects.put(id, r);
          Node node = watchFetches ? new FetchWatch(this, r) : r;
          return lateDuplicates.contains(id) ? new LateDuplicates(r, node) : node;
        });
      }
      controller = new Controller(this);
      producer = new Producer(this);
      consumer = new Consumer(this, consumerStart);
      sim.addClient("controller", controller);
      sim.addClient("producer", producer);
      sim.addClient("consumer", consumer);
      for (long t = 5; t < horizon; t += 5) {
        long at = t;
        sim.at(at, () -> probe(at));
      }
    }

    /** A random run of {@code seed}: shape, faults and traffic all drawn from it. */
    static Run random(long seed, boolean trace) {
      SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 7);
      int n = 3 + (rnd.nextInt(4) == 0 ? rnd.nextInt(3) - 1 : 0); // mostly 3, sometimes 2 or 4
      int minIsr = 1 + rnd.nextInt(2);
      SimConfig config = SimConfig.reliable().withDelay(Delay.uniform(1, MAX_DELAY))
          .withDrop(rnd.nextInt(3) == 0 ? 0 : 0.03).withDuplicate(0.03).withReorder(true);
      long horizon = 3_000;
      Run run = new Run(seed, n, horizon, minIsr, config, 0, trace);
      run.producer.random(rnd, 1_700);
      // Faults in the first 1,600 ms; then heal and let the replicas converge.
      int crashes = 1 + rnd.nextInt(2);
      long t = 200;
      for (int i = 0; i < crashes; i++) {
        t += 150 + rnd.nextInt(500);
        if (rnd.nextInt(3) > 0) {
          // Mostly shorter than the lag time (the ISR keeps the followers, the leader's last
          // records are on it alone); sometimes longer (the ISR shrinks to the leader).
          long cut = rnd.nextInt(5) == 0 ? 150 : 10 + rnd.nextInt(70);
          run.partitionAt(t - cut, List.of("leader"), t + 40);
        }
        run.crashLeaderAt(t);
      }
      if (rnd.nextBoolean()) {
        long p = 100 + rnd.nextInt(1_300);
        run.partitionAt(p, List.of("follower:" + rnd.nextInt(4)), p + 50 + rnd.nextInt(250));
      }
      run.sim.schedule(new Fault.Heal(1_700));
      return run;
    }

    // -- scheduling ------------------------------------------------------------------------------

    void crashAt(long t, String id, boolean leader) {
      sim.at(t, () -> crash(id, leader));
    }

    void crashLeaderAt(long t) {
      sim.at(t, () -> {
        if (controller.leader != null && sim.isUp(controller.leader)) {
          crash(controller.leader, true);
        }
      });
    }

    private void crash(String id, boolean leader) {
      events.add(sim.now() + " ms: " + id + " crashed" + (leader ? " (the leader)" : ""));
      sim.schedule(new Fault.Crash(sim.now(), id));
      if (id.equals(controller.leader)) {
        sim.at(sim.now() + 5, controller::elect);
      }
    }

    /** Cuts {@code side} off (names, "leader", or "follower:k"), heals at {@code until}. */
    void partitionAt(long t, List<String> side, long until) {
      sim.at(t, () -> {
        List<String> resolved = new ArrayList<>();
        for (String s : side) {
          if (s.equals("leader")) {
            if (controller.leader != null) {
              resolved.add(controller.leader);
            }
          } else if (s.startsWith("follower:")) {
            List<String> f = new ArrayList<>(ids);
            f.remove(controller.leader);
            if (!f.isEmpty()) {
              resolved.add(f.get(Integer.parseInt(s.substring(9)) % f.size()));
            }
          } else {
            resolved.add(s);
          }
        }
        if (!resolved.isEmpty()) {
          events.add(sim.now() + " ms: " + resolved + " cut off from the other replicas until "
              + until + " ms");
          sim.schedule(new Fault.Partition(sim.now(), resolved));
        }
      });
      sim.schedule(new Fault.Heal(until));
    }

    void at(long t, Runnable action) {
      sim.at(t, action);
    }

    void blockAt(long t, String from, String to) {
      events.add(t + " ms: messages " + from + " -> " + to + " blocked for the rest of the run");
      sim.schedule(new Fault.Block(t, from, to));
    }

    // -- running and checking -------------------------------------------------------------------

    void run() {
      try {
        sim.run();
      } catch (SimulationException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof UnsupportedOperationException u && u.getMessage() != null
            && u.getMessage().contains("TODO")) {
          throw u;
        }
        throw fail(FETCH, "A replica threw: " + e.getMessage(), e);
      }
      if (violation != null) {
        throw fail(violationHint, violation);
      }
    }

    /** Records the first violation and stops the run. */
    void violate(String hint, String text) {
      if (violation == null) {
        violation = sim.now() + " ms: " + text;
        violationHint = hint;
        sim.stop();
      }
    }

    KafkaReplica up(String id) {
      return sim.isUp(id) ? objects.get(id) : null;
    }

    KafkaReplica liveLeader() {
      return controller.leader == null ? null : up(controller.leader);
    }

    private void probe(long now) {
      for (String id : ids) {
        KafkaReplica r = up(id);
        if (r == null) {
          continue;
        }
        int size = r.log().size();
        Long hw = lastHw.get(id);
        if (hw != null && size < hw) {
          violate(TRUNCATE, id + " held a high-water mark of " + hw + " at " + (now - 5)
              + " ms, and now holds only " + size + " records: records below the mark are"
              + " committed, on every in-sync replica and on any new leader, so truncation by"
              + " leader epoch never reaches below it.");
          return;
        }
        lastHw.put(id, Math.min(r.highWaterMark(), size));
      }
      KafkaReplica leader = liveLeader();
      if (leader == null || leader.leaderEpoch() != controller.epoch) {
        return;
      }
      Set<String> isr = leader.isr();
      if (!isr.contains(controller.leader)) {
        violate(HW, controller.leader + " leads epoch " + controller.epoch + " but its isr() is "
            + new TreeSet<>(isr) + ": the ISR always includes the leader itself.");
        return;
      }
      List<KafkaIsrProtocol.Rec> leaderLog = leader.log();
      List<KafkaIsrProtocol.Rec> before = controller.electedLog;
      if (before != null && (leaderLog.size() < before.size()
          || !leaderLog.subList(0, before.size()).equals(before))) {
        violate(FAILOVER, controller.leader + " held " + before.size() + " records when it was"
            + " elected (epoch " + controller.epoch + "), and now its log is not an extension of"
            + " them (" + leaderLog.size() + " records, first difference at offset "
            + firstDifference(before, leaderLog) + "): a leader never truncates its log; only"
            + " followers do.");
        return;
      }
      if (controller.epoch > 0 && now < controller.electedAt + LAG_MS - FETCH_MS
          && !isr.containsAll(controller.givenIsr)) {
        violate(FAILOVER, controller.leader + " was elected at " + controller.electedAt
            + " ms with ISR " + controller.givenIsr + " (epoch " + controller.epoch + "), and at "
            + now + " ms its isr() is " + new TreeSet<>(isr) + ": a new leader starts with the"
            + " ISR it is given (plus itself), every member caught up as of now, so none can"
            + " leave it for replica.lag.time.max.ms = " + LAG_MS + " ms.");
        return;
      }
      long hw = leader.highWaterMark();
      long leo = leaderLog.size();
      if (hw > leo) {
        violate(HW, "leader " + controller.leader + " has high-water mark " + hw + " but only "
            + leo + " records.");
        return;
      }
      if (now <= expectFullIsrUntil && now > 200 && isr.size() < ids.size()) {
        violate(LAG, "leader " + controller.leader + "'s ISR is " + new TreeSet<>(isr)
            + ", not all of " + ids + " (no fault but a partition that cut off a follower after"
            + " the producer had stopped, from 1,600 ms): a follower that fetches again as soon"
            + " as it applied a response is caught up at the time of its previous fetch"
            + " (Kafka's rule), well within replica.lag.time.max.ms = " + LAG_MS + " ms, and a"
            + " follower that lacks no record stays in sync however long it is silent.");
        return;
      }
      for (IsrCheck c : isrChecks) {
        long bound = c.in ? c.from + 4 * FETCH_MS + 4 * MAX_DELAY
            : c.from + LAG_MS + LAG_MS / 2 + FETCH_MS + 2 * MAX_DELAY;
        if (now >= bound && now < bound + 5 && isr.contains(c.follower) != c.in) {
          violate(c.in ? LAG : LAG, c.in
              ? c.follower + " could fetch again from " + c.from + " ms on (the partition"
                  + " healed), but at " + now + " ms it is still not in the ISR "
                  + new TreeSet<>(isr) + ": a follower rejoins at its first fetch from the"
                  + " high-water mark or beyond."
              : c.follower + " could not fetch from " + c.from + " ms on (crashed or cut off),"
                  + " but at " + now + " ms it is still in the ISR " + new TreeSet<>(isr)
                  + ": the leader drops a follower that lacks records and has not been caught"
                  + " up for more than replica.lag.time.max.ms = " + LAG_MS + " ms, checking"
                  + " at least every " + LAG_MS / 2 + " ms.");
          return;
        }
      }
    }

    /** At the end: durability, consumers' reads, convergence (and a full ISR if asked). */
    void checkEnd(boolean fullIsr) {
      for (Req q : producer.requests.values()) {
        if (q.response == null && sim.isUp(q.to) && q.sentAt < horizon - 300) {
          throw fail(q.acks == 1 || !q.to.equals(controller.leader) ? ACKS : HW, q.describe()
              + " was never answered, and " + q.to + " is up at the end"
              + (q.to.equals(controller.leader) ? ", leading with every replica caught up"
                  : ", not the leader") + ". Every Produce gets exactly one answer: NOT_LEADER"
              + " from a replica that does not lead, at once.");
        }
      }
      for (Map.Entry<Long, String> r : consumer.unanswered.entrySet()) {
        long sent = r.getKey() >>> 20;
        if (sim.isUp(r.getValue()) && sent < horizon - 300) {
          throw fail(HW, "the consumer's Read sent to " + r.getValue() + " at " + sent
              + " ms was never answered, and " + r.getValue() + " is up at the end: every"
              + " Read gets an answer, NOT_LEADER from a replica that does not lead.");
        }
      }
      KafkaReplica leader = liveLeader();
      if (leader == null) {
        return; // the partition is offline: no ISR member survived (unclean election is off)
      }
      if (consumer.position < leader.highWaterMark()) {
        throw fail(HW, "at the end, leader " + controller.leader + "'s high-water mark is "
            + leader.highWaterMark() + ", but the consumer, reading from where it got to every"
            + " 17 ms, only got to offset " + consumer.position + ": a Read from offset o"
            + " returns the values from o up to the mark (at most 200).");
      }
      List<KafkaIsrProtocol.Rec> log = leader.log();
      for (Req q : producer.requests.values()) {
        if (q.acks != KafkaIsrProtocol.ACKS_ALL || q.response == null
            || q.response.error() != KafkaIsrProtocol.Errors.NONE) {
          continue;
        }
        long o = q.response.offset();
        if (o < 0 || o >= log.size() || !log.get((int) o).value().equals(q.value)) {
          // Every ISR member held it when it was acknowledged (checked then): a failover lost
          // it, by electing a replica without it or by truncating it away.
          String hint = o >= 0 && o < log.size() ? TRUNCATE : FAILOVER;
          throw fail(hint, q.describe() + " was acknowledged (NONE, offset " + o + ") at "
              + q.answeredAt + " ms, but at the end leader " + controller.leader + " (epoch "
              + controller.epoch + ") holds " + at(log, o) + " at offset " + o + ". acks=all"
              + " is answered once every in-sync replica has the record, and a new leader"
              + " comes from the ISR, so an acknowledged record must survive every failover.");
        }
      }
      for (Map.Entry<Long, String> e : consumer.seen.entrySet()) {
        long o = e.getKey();
        if (o >= log.size() || !log.get((int) o).value().equals(e.getValue())) {
          throw fail(HW, "the consumer read " + e.getValue() + " at offset " + o + " (at "
              + consumer.seenAt.get(o) + " ms, below the high-water mark), but at the end leader "
              + controller.leader + " holds " + at(log, o) + " there. A record below the"
              + " high-water mark is on every in-sync replica, so no failover loses it.");
        }
      }
      for (String id : ids) {
        KafkaReplica r = up(id);
        if (r == null || id.equals(controller.leader)) {
          continue;
        }
        List<KafkaIsrProtocol.Rec> other = r.log();
        if (!controller.leader.equals(r.leader())) {
          throw fail(FAILOVER, "at the end, " + id + " follows " + r.leader() + ", but the"
              + " controller's last LeaderAndIsr (epoch " + controller.epoch + ") named "
              + controller.leader + ": a replica follows the leader of the newest epoch it was"
              + " sent.");
        }
        if (!other.equals(log)) {
          int at = 0;
          while (at < Math.min(other.size(), log.size()) && other.get(at).equals(log.get(at))) {
            at++;
          }
          boolean diverged = at < Math.min(other.size(), log.size()) || other.size() > log.size();
          throw fail(diverged ? TRUNCATE : FETCH, "at the end (the network healed at the"
              + " latest 1,300 ms before), follower " + id + " holds " + other.size()
              + " records and leader " + controller.leader + " " + log.size() + "; they"
              + " first differ at offset " + at + ": " + id + " has " + at(other, at)
              + ", the leader " + at(log, at) + "." + (diverged ? " A follower truncates"
                  + " where its log diverged from the leader's, by leader epoch, before"
                  + " fetching on." : " A follower fetches everything from its log end."));
        }
      }
      {
        Set<String> isr = leader.isr();
        for (String id : ids) {
          if (sim.isUp(id) && !isr.contains(id)) {
            throw fail(LAG, "at the end, follower " + id + " holds the leader's whole log"
                + " and fetches every " + FETCH_MS + " ms, but leader " + controller.leader
                + "'s ISR is " + new TreeSet<>(isr) + ": it rejoins at its first fetch from"
                + " the high-water mark or beyond.");
          }
        }
        if (leader.highWaterMark() != log.size()) {
          throw fail(HW, "at the end, every replica holds leader " + controller.leader
              + "'s " + log.size() + " records and is in its ISR, but its high-water mark is "
              + leader.highWaterMark() + ": the mark is the smallest log end over the ISR.");
        }
      }
    }

    void checkAllAnswered(long from, long to, long within, String when) {
      checkAllAnswered(from, to, within, when, HW);
    }

    void checkAllAnswered(long from, long to, long within, String when, String unanswered) {
      for (Req q : producer.requests.values()) {
        if (q.sentAt < from || q.sentAt >= to) {
          continue;
        }
        boolean late = q.response != null && q.answeredAt > q.sentAt + within;
        if (q.response == null || late
            || q.response.error() != KafkaIsrProtocol.Errors.NONE) {
          String hint = q.acks == 1 ? ACKS : late ? FETCH
              : q.response != null ? MIN_ISR : unanswered;
          throw fail(hint, q.describe() + ", " + when + ", got "
              + q.describeAnswer() + "; expected NONE within " + within + " ms (the ISR was at"
              + " least min.insync.replicas = " + minIsr + "): a follower fetches again as"
              + " soon as it applied a response, each fetch tells the leader the follower's"
              + " log end, and the high-water mark, the smallest log end over the ISR, moves"
              + " with it.");
        }
      }
    }

    void expectAnswer(String value, KafkaIsrProtocol.Errors error, String hint, String why) {
      Req q = producer.byValue(value);
      if (q.response == null || q.response.error() != error) {
        throw fail(hint, q.describe() + " got " + q.describeAnswer() + "; expected " + error
            + ": " + why + ".");
      }
    }

    static int firstDifference(List<KafkaIsrProtocol.Rec> a, List<KafkaIsrProtocol.Rec> b) {
      int i = 0;
      while (i < Math.min(a.size(), b.size()) && a.get(i).equals(b.get(i))) {
        i++;
      }
      return i;
    }

    static String at(List<KafkaIsrProtocol.Rec> log, long o) {
      return o < 0 || o >= log.size() ? "nothing" : log.get((int) o).value() + " (epoch "
          + log.get((int) o).epoch() + ")";
    }

    AssertionError fail(String hint, String text) {
      return fail(hint, text, null);
    }

    AssertionError fail(String hint, String text, Throwable cause) {
      StringBuilder sb = new StringBuilder("With " + shape + ": " + text);
      if (!events.isEmpty()) {
        sb.append("\nFaults and failovers: ").append(String.join("; ", events)).append('.');
      }
      if (sim.trace() != null) {
        sb.append("\n").append(Timeline.of(sim.trace()).maxLines(40).render());
      }
      return Because.of(hint, sb.toString(), cause);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The controller, the producer and the consumer (clients: their messages are never lost)

  /** Sends LeaderAndIsr; on a leader's crash, elects a new leader from the ISR it last kept. */
  static final class Controller implements Node {
    final Run run;
    Context ctx;
    int epoch;
    String leader;
    String prefer;
    /** The new leader's log when it was elected, its ISR as given, and the time. */
    List<KafkaIsrProtocol.Rec> electedLog;
    Set<String> givenIsr = Set.of();
    long electedAt;

    Controller(Run run) {
      this.run = run;
    }

    @Override
    public void start(Context ctx) {
      this.ctx = ctx;
      leader = run.ids.get(0);
      for (String id : run.ids) {
        ctx.send(id, new KafkaIsrProtocol.LeaderAndIsr(0, leader, run.ids));
      }
    }

    void elect() {
      KafkaReplica dead = run.objects.get(leader);
      Set<String> recorded = new TreeSet<>(dead.isr());
      recorded.remove(leader);
      List<String> candidates = new ArrayList<>();
      for (String id : recorded) {
        if (run.sim.isUp(id)) {
          candidates.add(id);
        }
      }
      String old = leader;
      if (candidates.isEmpty()) {
        run.events.add(ctx.now() + " ms: no ISR member of " + old + " is up: the partition is"
            + " offline");
        leader = null;
        return;
      }
      String next = prefer != null && candidates.contains(prefer) ? prefer
          : candidates.get((int) Math.floorMod(run.seed + epoch, (long) candidates.size()));
      epoch++;
      leader = next;
      electedLog = run.objects.get(next).log();
      givenIsr = new TreeSet<>(recorded);
      electedAt = ctx.now();
      run.events.add(ctx.now() + " ms: the controller elected " + next + " from " + old
          + "'s ISR " + recorded + " (epoch " + epoch + ")");
      for (String id : run.ids) {
        if (run.sim.isUp(id)) {
          ctx.send(id, new KafkaIsrProtocol.LeaderAndIsr(epoch, next, List.copyOf(recorded)));
        }
      }
    }

    @Override
    public void onMessage(String from, Object message) {}

    @Override
    public void onTimer(Object tag) {}
  }

  /** Sends produce requests (scripted or random) to the leader the controller named. */
  static final class Producer implements Node {
    final Run run;
    Context ctx;
    long nextId = 1;
    final Map<Long, Req> requests = new LinkedHashMap<>();
    final Map<String, Req> byValue = new HashMap<>();
    final Set<String> values = new java.util.HashSet<>();

    Producer(Run run) {
      this.run = run;
    }

    @Override
    public void start(Context ctx) {
      this.ctx = ctx;
    }

    void at(long t, String value, int acks) {
      values.add(value);
      run.sim.at(t, () -> send(value, acks));
    }

    void every(long period, long until, double allShare) {
      every(period, until, allShare, period);
    }

    void every(long period, long until, double allShare, long from) {
      SplittableRandom rnd = new SplittableRandom(run.seed + 31 + from);
      for (long t = from; t < until; t += period) {
        at(t, "v" + t, rnd.nextDouble() < allShare ? KafkaIsrProtocol.ACKS_ALL : 1);
      }
    }

    void random(SplittableRandom rnd, long until) {
      for (long t = 20; t < until; t += 5 + rnd.nextInt(20)) {
        at(t, "v" + t, rnd.nextInt(10) < 7 ? KafkaIsrProtocol.ACKS_ALL : 1);
      }
    }

    void send(String value, int acks) {
      String to = run.controller.leader;
      if (to == null) {
        return;
      }
      Req q = new Req(nextId++, value, acks, ctx.now(), to);
      requests.put(q.id, q);
      byValue.put(value, q);
      ctx.send(to, new KafkaIsrProtocol.Produce(q.id, value, acks));
    }

    Req byValue(String value) {
      Req q = byValue.get(value);
      return q != null ? q : new Req(-1, value, 0, -1, "nobody (no leader)");
    }

    @Override
    public void onMessage(String from, Object message) {
      if (!(message instanceof KafkaIsrProtocol.ProduceResponse r)) {
        return;
      }
      Req q = requests.get(r.requestId());
      if (q == null) {
        run.violate(ACKS, from + " sent " + r + ", an answer to no request of the producer.");
        return;
      }
      if (q.response != null) {
        run.violate(ACKS, q.describe() + " was answered twice: " + q.describeAnswer()
            + ", then " + r + " at " + ctx.now() + " ms. Each request gets exactly one"
            + " answer.");
        return;
      }
      q.response = r;
      q.answeredAt = ctx.now();
      KafkaReplica answering = run.objects.get(from);
      if (r.error() != KafkaIsrProtocol.Errors.NOT_LEADER && !from.equals(answering.leader())) {
        run.violate(ACKS, q.describe() + " was answered " + r + " by " + from + ", which does"
            + " not lead (it knows " + answering.leader() + " as the leader of epoch "
            + answering.leaderEpoch() + "): a replica that does not lead answers NOT_LEADER and"
            + " appends nothing.");
        return;
      }
      if (r.error() == KafkaIsrProtocol.Errors.NONE && r.offset() < 0) {
        run.violate(ACKS, q.describe() + " was answered NONE with offset " + r.offset() + ".");
        return;
      }
      if (r.error() == KafkaIsrProtocol.Errors.NONE && q.acks == KafkaIsrProtocol.ACKS_ALL) {
        KafkaReplica leader = run.objects.get(from);
        int o = (int) r.offset();
        for (String m : new TreeSet<>(leader.isr())) {
          List<KafkaIsrProtocol.Rec> log = run.objects.get(m).log();
          if (run.sim.isUp(m) && (o >= log.size() || !log.get(o).value().equals(q.value))) {
            boolean other = o < log.size();
            // Past the leader's mark, a missing record means the mark itself is wrong.
            String hint = other ? TRUNCATE : leader.highWaterMark() > o ? HW : ACKS;
            run.violate(hint, q.describe() + " was acknowledged (NONE, offset " + o + "), but "
                + m + ", in " + from + "'s ISR " + new TreeSet<>(leader.isr()) + ", holds "
                + Run.at(log, o) + " at offset " + o + ". acks=all is answered only once the"
                + " high-water mark passes the record, that is once every in-sync replica has"
                + " fetched it." + (hint.equals(HW) ? " " + from + "'s high-water mark is "
                    + leader.highWaterMark() + ", past the offset, though " + m + " lacks it:"
                    + " the mark is the smallest log end over the ISR." : "")
                + (other ? " Here " + m + " holds another record at that"
                    + " offset: its log diverged from the leader's and was not truncated, yet"
                    + " its fetch offset counted toward the mark." : ""));
            return;
          }
        }
      }
    }

    @Override
    public void onTimer(Object tag) {}
  }

  /** Reads from the leader, mostly from where it got to, sometimes again from lower. */
  static final class Consumer implements Node {
    final Run run;
    final long startAt;
    Context ctx;
    long nextId = 1;
    long position;
    final SplittableRandom rnd;
    final TreeMap<Long, String> seen = new TreeMap<>();
    /** Reads not answered yet: (sent time << 20 | id) -> the replica asked. */
    final TreeMap<Long, String> unanswered = new TreeMap<>();
    final Map<Long, Long> keyOf = new HashMap<>();
    final Map<Long, Long> seenAt = new HashMap<>();

    Consumer(Run run, long startAt) {
      this.run = run;
      this.startAt = startAt;
      this.rnd = new SplittableRandom(run.seed + 77);
    }

    @Override
    public void start(Context ctx) {
      this.ctx = ctx;
      ctx.setTimer(startAt + 17, "read");
    }

    @Override
    public void onTimer(Object tag) {
      ctx.setTimer(17, "read");
      String to = run.controller.leader;
      if (to == null) {
        return;
      }
      int pick = rnd.nextInt(12);
      if (pick == 11) {
        to = run.ids.get(rnd.nextInt(run.ids.size())); // anyone: a follower says NOT_LEADER
      }
      long offset = pick == 0 ? -1 - rnd.nextInt(3)
          : pick < 4 && position > 0 ? rnd.nextLong(position + 1) : position;
      long id = nextId++;
      long key = (ctx.now() << 20) | id;
      unanswered.put(key, to);
      keyOf.put(id, key);
      ctx.send(to, new KafkaIsrProtocol.Read(id, offset));
    }

    @Override
    public void onMessage(String from, Object message) {
      if (!(message instanceof KafkaIsrProtocol.ReadResponse r)) {
        return;
      }
      Long key = keyOf.remove(r.requestId());
      if (key == null) {
        run.violate(HW, from + " sent " + r + ", an answer to no outstanding Read (answered"
            + " twice, or never asked).");
        return;
      }
      unanswered.remove(key);
      KafkaReplica answering = run.objects.get(from);
      if (r.error() == KafkaIsrProtocol.Errors.NONE && !from.equals(answering.leader())) {
        run.violate(HW, "a Read from offset " + r.offset() + " sent to " + from + " was answered"
            + " NONE by " + from + ", which does not lead (it knows " + answering.leader()
            + " as the leader): a replica that does not lead answers NOT_LEADER.");
        return;
      }
      if (r.error() != KafkaIsrProtocol.Errors.NONE) {
        return;
      }
      List<String> values = r.values();
      if (r.offset() < 0 && !values.isEmpty()) {
        run.violate(HW, "a Read from offset " + r.offset() + " to " + from + " returned "
            + values.size() + " values; a negative offset holds no record: expected none.");
        return;
      }
      if (!values.isEmpty() && r.offset() + values.size() > r.highWaterMark()) {
        run.violate(HW, "a Read from offset " + r.offset() + " to " + from + " returned "
            + values.size() + " values (offsets " + r.offset() + " to "
            + (r.offset() + values.size() - 1) + ") with high-water mark " + r.highWaterMark()
            + ": consumers see only records below the mark.");
        return;
      }
      for (int i = 0; i < values.size(); i++) {
        long o = r.offset() + i;
        String v = values.get(i);
        if (!run.producer.values.contains(v)) {
          run.violate(HW, "the consumer read " + v + " at offset " + o + " from " + from
              + ", a value no producer sent.");
          return;
        }
        String before = seen.get(o);
        if (before != null && !before.equals(v)) {
          run.violate(HW, "the consumer read " + before + " at offset " + o + " at "
              + seenAt.get(o) + " ms, and now " + v + " there from " + from + ": a record a"
              + " consumer saw disappeared. Only records below the high-water mark, on every"
              + " in-sync replica, may be shown.");
          return;
        }
        if (before == null) {
          seen.put(o, v);
          seenAt.put(o, ctx.now());
        }
      }
      position = Math.max(position, r.offset() + values.size());
    }
  }
}
