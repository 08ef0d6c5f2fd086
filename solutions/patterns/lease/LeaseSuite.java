import dstutor.grade.Hint;
import dstutor.sim.CheckResult;
import dstutor.grade.Seeds;
import dstutor.kit.Context;
import dstutor.kit.Node;
import dstutor.sim.Delay;
import dstutor.sim.Determinism;
import dstutor.sim.Fault;
import dstutor.sim.ForwardingContext;
import dstutor.sim.LinearizabilityChecker;
import dstutor.sim.Nemesis;
import dstutor.sim.Op;
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
import java.util.HashMap;
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
 * Hidden suite for the lease exercise. Three holders h1..h3 compete for one lease from the
 * suite's grantor g (the brief states its rule). Each holder runs inside a {@link Watched}
 * wrapper that records, on the holder's own clock, the requests it sent and the grants that
 * arrived. Every millisecond of true time a probe asks each live holder whether it is acting and
 * compares the answer with the brief's model: acting exactly while now < (largest requestSentAt
 * among the grants that reached this incarnation) + budget, budget = (D - margin) * (1e6 -
 * maxDriftPpm) / 1e6 in integer arithmetic. The probe also checks, in TRUE time, that no two
 * holders act at once (the protected resource has a single writer at any moment) and that an
 * acting holder is at least the margin before the true end of the last lease the grantor gave
 * it, and that each holder sends a request at start and then at least every renewMillis.
 *
 * <p>The grantor's clock drifts too, within the same bound, and it may crash and restart with
 * nothing kept (it then waits out a full lease before granting); holders and the grantor may
 * pause like a stop-the-world GC ({@link Fault.Pause}). A paused holder is not asked anything.
 *
 * <p>The protected resource is a register, served the way a leader lease is used for local reads:
 * every millisecond, clients send writes and reads to the holders that act; a holder loads the
 * latest value from a shared store when it starts acting, writes through to the store and answers
 * reads from its own copy. The register test checks the clients' history with {@link
 * LinearizabilityChecker}: two holders acting at once let a stale read through.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class LeaseSuite {
  static final String GRANTOR = "g";
  static final String FORGER = "x";
  static final List<String> HOLDERS = List.of("h1", "h2", "h3");
  static final long LEASE = 200;
  static final long MARGIN = 20;
  static final long DRIFT_PPM = 50_000;
  static final long RENEW = 50;
  /** The grantor waits this long past a lease's end before giving it to another holder. */
  static final long GUARD = 10;
  static final String KEY = "register";
  static final String RESTART_NOTICE = "grantor restarted: no grants for a lease period";
  static final long HORIZON = 2_000;
  static final long NONE = Long.MIN_VALUE;

  static final String COUNT_HINT = "grants-only";
  static final String DRIFT_HINT = "the-deadline";
  static final String RENEW_HINT = "renew-on-a-timer";
  static final String CLOCK_HINT = "own-clock-only";

  static final String NO_GRANT = "acts without a grant";
  static final String PAST_DEADLINE = "acts past its deadline";
  static final String STOPPED_EARLY = "stops while its lease is valid";
  static final String BAD_STAMP = "request not stamped with ctx.now()";
  static final String NO_FIRST = "no request at start";
  static final String OVERDUE = "request overdue";
  static final String TWO_ACT = "two holders act at once";
  static final String MARGIN_BROKEN = "acts within the margin of its lease's end";
  static final String THREW = "acting() threw";
  static final String NOT_LINEARIZABLE = "the register's history is not linearizable";
  /** What the register test keeps aside, to name the hint, instead of failing on it. */
  static final Set<String> SHADOWED = Set.of(NO_GRANT, PAST_DEADLINE, STOPPED_EARLY, TWO_ACT,
      MARGIN_BROKEN);

  static final Map<String, String> HINTS = Map.of(NO_GRANT, COUNT_HINT, PAST_DEADLINE, DRIFT_HINT,
      STOPPED_EARLY, COUNT_HINT, BAD_STAMP, CLOCK_HINT, NO_FIRST, RENEW_HINT, OVERDUE, RENEW_HINT,
      TWO_ACT, DRIFT_HINT, MARGIN_BROKEN, DRIFT_HINT, THREW, COUNT_HINT);

  /**
   * The holders' constructor arguments that the brief's formulas use: lease D, margin and drift
   * bound (renewMillis is always RENEW).
   */
  record Params(long lease, long margin, long drift) {
    long budget() {
      return (lease - margin) * (1_000_000 - drift) / 1_000_000;
    }

    long grantorLease() {
      return lease * (1_000_000 + drift) / 1_000_000;
    }

    long grantorQuiet() {
      return (lease + GUARD) * (1_000_000 + drift) / 1_000_000;
    }

    @Override
    public String toString() {
      return "leaseMillis " + lease + ", marginMillis " + margin + ", maxDriftPpm " + drift;
    }
  }

  static final Params DEFAULT = new Params(LEASE, MARGIN, DRIFT_PPM);

  record Setup(SimConfig net, boolean skew, BiConsumer<Run, SplittableRandom> faults,
      String what, boolean register, Params p) {
    Setup(SimConfig net, boolean skew, BiConsumer<Run, SplittableRandom> faults,
        String what) {
      this(net, skew, faults, what, false, DEFAULT);
    }

    Setup(SimConfig net, boolean skew, BiConsumer<Run, SplittableRandom> faults,
        String what, boolean register) {
      this(net, skew, faults, what, register, DEFAULT);
    }
  }

  record Problem(String reason, String node, String text) {}

  static final class Run {
    final Simulation sim;
    final Params p;
    /** Whether this run serves the register and checks its history instead of the model. */
    final boolean register;
    /** The clients' choices of operation: a stream of its own, apart from the faults'. */
    final SplittableRandom clients;
    Problem problem;
    /** In a register run: the first departure from the model, which names the hint. */
    Problem shadow;
    /** Per holder, the true time its last lease from the grantor ends. */
    final Map<String, Long> trueUntil = new HashMap<>();
    /** The shared store behind the register: the latest value written, null before any. */
    String store;
    int writes;

    Run(Simulation sim, boolean register, Params p) {
      this.sim = sim;
      this.p = p;
      this.register = register;
      this.clients = new SplittableRandom(sim.plan().seed() ^ 0x5eed5eedL);
    }

    void report(String reason, String node, String text) {
      if (register && SHADOWED.contains(reason)) {
        if (shadow == null) {
          shadow = new Problem(reason, node, text);
        }
      } else if (problem == null) {
        problem = new Problem(reason, node, text);
      }
    }
  }

  /**
   * The grantor the brief describes. Its clock may be offset and drift up to the drift bound, so
   * it measures a lease as {@link Params#grantorLease()} on its own clock (at least the lease in
   * true time); it keeps nothing over a crash, so a restarted grantor answers nobody for {@link
   * Params#grantorQuiet()} on its clock.
   */
  static final class Grantor implements Node {
    final Run run;
    Context ctx;
    String holder;
    long until;
    long quietUntil = Long.MIN_VALUE;

    Grantor(Run run) {
      this.run = run;
    }

    @Override
    public void start(Context ctx) {
      this.ctx = ctx;
      if (run.sim.downSince(GRANTOR) >= 0) {
        quietUntil = ctx.now() + run.p.grantorQuiet();
        for (String h : HOLDERS) {
          ctx.send(h, RESTART_NOTICE); // not a grant: holders ignore it
        }
      }
    }

    @Override
    public void onMessage(String from, Object message) {
      if (!(message instanceof LeaseRequest r)) {
        return;
      }
      long now = ctx.now();
      if (now < quietUntil) {
        return;
      }
      if (holder == null || holder.equals(from) || now >= until + GUARD) {
        holder = from;
        until = now + run.p.grantorLease();
        run.trueUntil.merge(from, run.sim.now() + run.p.lease(), Math::max);
        ctx.send(from, new LeaseGranted(r.sentAt(), until));
      }
    }

    @Override
    public void onTimer(Object tag) {}
  }

  /** A node that is not the grantor and sends holders grants now and then: they must be ignored. */
  static final class Forger implements Node {
    final Run run;
    Context ctx;

    Forger(Run run) {
      this.run = run;
    }

    @Override
    public void start(Context ctx) {
      this.ctx = ctx;
      ctx.setTimer(97, "forge");
    }

    @Override
    public void onMessage(String from, Object message) {}

    @Override
    public void onTimer(Object tag) {
      for (String h : HOLDERS) {
        if (run.sim.isUp(h)) {
          ctx.send(h, new LeaseGranted(run.sim.clockOf(h), ctx.now() + run.p.lease()));
        }
      }
      ctx.setTimer(97, "forge");
    }
  }

  /** A learner's holder, recorded on its own clock. */
  static final class Watched implements Node {
    final String id;
    final Run run;
    final LeaseHolder holder;
    Context ctx;
    long startClock;
    boolean sentAtStart;
    long lastSent = NONE;
    long grantedUntil = NONE;
    long lastGrantArrival = NONE;
    long lastGrantSentAt = NONE;
    /** Whether it acted at the last probe, and its copy of the register while it acts. */
    boolean wasActing;
    String local;

    Watched(String id, Run run) {
      this.id = id;
      this.run = run;
      this.holder = new LeaseHolder(GRANTOR, run.p.lease(), run.p.margin(), run.p.drift(), RENEW);
      try {
        if (holder.acting()) {
          run.report(NO_GRANT, id, id + ".acting() was true before start(): a holder that has "
              + "not started holds no lease.");
        }
      } catch (RuntimeException e) {
        if (!String.valueOf(e.getMessage()).contains("TODO")) {
          run.report(THREW, id, id + ".acting() threw " + e + " before start(): it is false "
              + "then.");
        }
      }
    }

    @Override
    public void start(Context real) {
      ctx = real;
      startClock = real.now();
      holder.start(new ForwardingContext(real) {
        @Override
        public void send(String to, Object message) {
          long now = real.now();
          if (message instanceof LeaseRequest r) {
            if (r.sentAt() != now) {
              run.report(BAD_STAMP, id, id + " sent a LeaseRequest stamped " + r.sentAt()
                  + " when its clock read " + now + ": stamp each request with ctx.now() as "
                  + "you send it.");
            }
            sentAtStart |= now == startClock;
            lastSent = now;
          }
          super.send(to, message);
        }
      });
    }

    @Override
    public void onMessage(String from, Object message) {
      if (from.equals(GRANTOR) && message instanceof LeaseGranted g) {
        lastGrantArrival = ctx.now();
        lastGrantSentAt = g.requestSentAt();
        grantedUntil = Math.max(grantedUntil, g.requestSentAt() + run.p.budget());
      }
      holder.onMessage(from, message);
    }

    @Override
    public void onTimer(Object tag) {
      holder.onTimer(tag);
    }

    boolean check(boolean waking) {
      long now = ctx.now();
      if (!sentAtStart) {
        run.report(NO_FIRST, id, id + " sent no LeaseRequest in start() (its clock read "
            + startClock + "): ask for the lease as you start.");
        return false;
      }
      if (!waking && now - lastSent > RENEW + 1) {
        run.report(OVERDUE, id, id + "'s last LeaseRequest went out at " + lastSent
            + " on its clock and it is now " + now + ": more than renewMillis = " + RENEW
            + " ms ago. Send a request every renewMillis, holding the lease or not.");
        return false;
      }
      boolean acting;
      try {
        acting = holder.acting();
      } catch (RuntimeException e) {
        run.report(THREW, id, id + ".acting() threw " + e + " at " + now + " on its clock.");
        return false;
      }
      boolean expected = now < grantedUntil;
      if (acting && !expected) {
        if (grantedUntil == NONE) {
          run.report(NO_GRANT, id, id + " said it was acting at " + now + " on its clock, but "
              + "no LeaseGranted has reached it since it started at " + startClock
              + ": no grant, no acting (and nothing survives a crash).");
        } else {
          run.report(PAST_DEADLINE, id, id + " said it was acting at " + now + " on its clock, "
              + "but its lease ran out at " + grantedUntil + " = (the latest requestSentAt "
              + "among its grants, " + (grantedUntil - run.p.budget()) + ") + budget "
              + run.p.budget() + ", budget = (D - margin) * (1 - maxDrift) = ("
              + run.p.lease() + " - " + run.p.margin() + ") * " + (1_000_000 - run.p.drift())
              + " / 1000000. Act only while now < deadline.");
        }
        return acting;
      }
      if (!acting && expected) {
        run.report(STOPPED_EARLY, id, id + " said it was not acting at " + now + " on its clock,"
            + " but a grant for the request it sent at " + (grantedUntil - run.p.budget())
            + " makes its lease valid until " + grantedUntil + " (the last grant arrived at "
            + lastGrantArrival + ", answering the request sent at " + lastGrantSentAt
            + "). Count from the send of the request each grant answers; keep the latest "
            + "deadline.");
      }
      return acting;
    }
  }

  static Outcome run(Setup setup, RunPlan plan) {
    Simulation sim = new Simulation(plan, setup.net());
    Run run = new Run(sim, setup.register(), setup.p());
    SplittableRandom rng = new SplittableRandom(plan.seed());
    sim.addNode(GRANTOR, () -> new Grantor(run));
    sim.addNode(FORGER, () -> new Forger(run));
    for (String id : HOLDERS) {
      sim.addNode(id, () -> new Watched(id, run), rng.nextInt(20));
    }
    List<Fault> clocks = Nemesis.clocks(rng, HOLDERS, 3_600_000, DRIFT_PPM);
    long grantorOffset = rng.nextLong(-3_600_000, 3_600_001);
    long grantorDrift = rng.nextLong(-DRIFT_PPM, DRIFT_PPM + 1);
    if (setup.skew()) {
      clocks.forEach(sim::schedule);
      sim.schedule(new Fault.Clock(0, GRANTOR, grantorOffset, grantorDrift));
    }
    setup.faults().accept(run, rng);
    sim.at(1, () -> probe(run));
    try {
      sim.run();
    } catch (SimulationException e) {
      return Outcome.threw(e);
    }
    Problem p = run.problem;
    if (p == null && run.register) {
      return registerOutcome(run);
    }
    if (p == null) {
      return Outcome.passed(sim);
    }
    Timeline timeline = Timeline.of(sim.trace()).maxLines(60).filter(e -> concerns(e, p.node()));
    return Outcome.failed(sim, p.reason(), p.text(), timeline);
  }

  /** Checks the register's history; the failure's reason names the hint of the model's cause. */
  static Outcome registerOutcome(Run run) {
    Simulation sim = run.sim;
    CheckResult c = new LinearizabilityChecker().check(sim.history().ops());
    if (!c.isViolation()) {
      return Outcome.passed(sim);
    }
    // The operations just before the violation (the write the stale read missed is among them),
    // and the holders that served them or left the model.
    long latest = Long.MIN_VALUE;
    for (int op : c.marks().keySet()) {
      latest = Math.max(latest, sim.history().get(op).callTime());
    }
    long last = latest;
    long from = last - 2;
    Set<String> holders = new java.util.HashSet<>();
    for (Op op : sim.history().ops()) {
      if (op.callTime() >= from && op.callTime() <= last) {
        holders.add("h" + op.process().substring(1));
      }
    }
    Problem cause = run.shadow;
    if (cause != null) {
      holders.add(cause.node());
    }
    String why = cause == null ? "" : " The first departure from the brief's model in this run: "
        + cause.text();
    Timeline timeline = Timeline.of(sim.trace()).maxLines(70).marks(c.marks()).filter(e ->
        switch (e.type()) {
          case CALL, RETURN -> e.time() >= from && e.time() <= last
              || c.marks().containsKey(e.op());
          case NETWORK, CLOCK, CRASH, RESTART, FLAG -> true;
          default -> !e.node().equals(FORGER) && !e.peer().equals(FORGER)
              && (holders.contains(e.node()) || holders.contains(e.peer()));
        });
    return Outcome.failed(sim, NOT_LINEARIZABLE + (cause == null ? "" : ": " + cause.reason()),
        "The clients' history of the protected register is not linearizable: "
            + c.explanation() + " A holder serves reads from its own copy while acting() is true,"
            + " so two holders acting at once let a read miss a write the other one completed."
            + why, timeline);
  }

  /** The hint of a failure's reason; a register failure takes its cause's. */
  static String hintFor(String reason) {
    if (reason.startsWith("threw ")) {
      return COUNT_HINT; // the holder's own code threw: most often on a message it did not expect
    }
    if (reason.startsWith(NOT_LINEARIZABLE)) {
      String cause = reason.substring(NOT_LINEARIZABLE.length());
      return cause.startsWith(": ") ? HINTS.get(cause.substring(2)) : DRIFT_HINT;
    }
    return HINTS.get(reason);
  }

  static boolean concerns(TraceEvent e, String node) {
    return e.type() == TraceEvent.Type.NETWORK || e.node().equals(node)
        || e.node().equals(GRANTOR) && e.peer().isEmpty() || e.peer().equals(node);
  }

  /**
   * The clients' operations of one millisecond: each acting holder may take a write (to its
   * copy and the store), then each may answer a read from its copy. A holder that starts acting
   * first loads the store's latest value.
   */
  static void serve(Run run, List<Watched> actors) {
    long t = run.sim.now();
    for (Watched w : actors) {
      if (!w.wasActing) {
        w.wasActing = true;
        w.local = run.store;
      }
    }
    List<Watched> order = new ArrayList<>(actors);
    shuffle(order, run.clients);
    for (Watched w : order) {
      if (run.clients.nextBoolean()) {
        String v = "v" + ++run.writes;
        int op = run.sim.history().invoke(client(w.id), Op.Kind.WRITE, KEY, v, t);
        w.local = v;
        run.store = v;
        run.sim.history().ok(op, null, t);
      }
    }
    shuffle(order, run.clients);
    for (Watched w : order) {
      if (run.clients.nextBoolean()) {
        int op = run.sim.history().invoke(client(w.id), Op.Kind.READ, KEY, null, t);
        run.sim.history().ok(op, w.local, t);
      }
    }
  }

  /** The client that talks to holder hN is cN. */
  static String client(String holder) {
    return "c" + holder.substring(1);
  }

  static void shuffle(List<Watched> list, SplittableRandom rng) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      Watched w = list.get(i);
      list.set(i, list.get(j));
      list.set(j, w);
    }
  }

  static void probe(Run run) {
    if (run.problem != null) {
      return;
    }
    long t = run.sim.now();
    if (t + 1 <= run.sim.plan().horizon()) {
      run.sim.at(t + 1, () -> probe(run));
    }
    probeOnce(run, false);
  }

  /**
   * Asks every live holder that is not paused whether it acts, and serves the register. {@code
   * waking}: a pause has just ended and its late timers have not run yet, so a renewal may be
   * overdue through no fault of the holder's.
   */
  static void probeOnce(Run run, boolean waking) {
    if (run.problem != null) {
      return;
    }
    long t = run.sim.now();
    List<Watched> actors = new ArrayList<>();
    for (String id : HOLDERS) {
      if (!(run.sim.node(id) instanceof Watched w) || w.ctx == null || run.sim.isPaused(id)) {
        continue; // a paused process runs nothing: it neither acts nor answers
      }
      boolean acting = w.check(waking);
      if (run.problem != null) {
        return;
      }
      if (!acting) {
        w.wasActing = false;
        continue;
      }
      long end = run.trueUntil.getOrDefault(id, NONE);
      if (end == NONE || t > end - run.p.margin()) {
        run.report(MARGIN_BROKEN, id, id + " acts at true time " + t + " but its last lease "
            + "from the grantor ends at true time " + (end == NONE ? "(none)" : end)
            + ": it must stop " + run.p.margin() + " ms before.");
        if (run.problem != null) {
          return;
        }
      }
      if (!actors.isEmpty()) {
        run.report(TWO_ACT, id, actors.get(0).id + " and " + id + " both act at true time " + t
            + ".");
        if (run.problem != null) {
          return;
        }
      }
      actors.add(w);
    }
    if (run.register) {
      serve(run, actors);
    }
  }

  static void sweep(String property, int seeds, LongFunction<Setup> setups) {
    for (long seed : Seeds.sweep(seeds)) {
      Setup setup = setups.apply(seed);
      Scenario scenario = plan -> run(setup, plan);
      Shrinker.Result r = Shrinker.firstFailure(scenario, new long[] {seed}, HORIZON);
      if (r != null) {
        String hint = hintFor(r.outcome().reason());
        Throwable error = r.outcome().error();
        throw Seeds.failure(seed, property + "\nSetup: " + setup.what() + "\n" + r.report(),
            error, hint);
      }
    }
  }

  static BiConsumer<Run, SplittableRandom> holderCrashes() {
    return (run, rng) -> {
      for (Fault f : Nemesis.crashes(rng, HOLDERS, 2, 100, 1_500, 0)) {
        run.sim.schedule(f);
        run.sim.schedule(new Fault.Restart(f.at() + 1 + rng.nextLong(300),
            ((Fault.Crash) f).node()));
      }
    };
  }

  /**
   * Everything at once: up to 2 holders crash and restart, the grantor may crash and restart,
   * and holders and the grantor pause for up to 300 ms (longer than a lease).
   */
  static BiConsumer<Run, SplittableRandom> crashesAndPauses() {
    return (run, rng) -> {
      holderCrashes().accept(run, rng);
      Simulation sim = run.sim;
      if (rng.nextBoolean()) {
        long at = 200 + rng.nextLong(1_300);
        sim.schedule(new Fault.Crash(at, GRANTOR));
        sim.schedule(new Fault.Restart(at + 1 + rng.nextLong(300), GRANTOR));
      }
      List<String> pausable = new ArrayList<>(HOLDERS);
      pausable.add(GRANTOR);
      for (Fault f : Nemesis.pauses(rng, pausable, 4, 100, 1_700, 300)) {
        sim.schedule(f);
        Fault.Pause p = (Fault.Pause) f;
        // Scheduled now, this probe runs as the pause ends, before the messages and timers that
        // waited: a process that wakes from a GC pause is asked before its late timers run.
        sim.at(p.at() + p.millis(), () -> probeOnce(run, true));
      }
    };
  }

  static final SimConfig NET = SimConfig.reliable().withDelay(Delay.uniform(1, 10));

  @Test
  @Order(1)
  @DisplayName("a holder acts exactly while its lease is valid, on a reliable network")
  @Hint(COUNT_HINT)
  void exactOnReliableNetwork() {
    sweep("Each holder acts exactly while now < deadline, counted from the send of the request "
        + "each grant answers; one holder at a time.", 10,
        seed -> new Setup(NET, false, (run, rng) -> {}, "reliable network, delays 1-10 ms"));
  }

  @Test
  @Order(2)
  @DisplayName("lost, duplicated and late messages never make two holders act at once")
  @Hint(COUNT_HINT)
  void lossyNetwork() {
    sweep("Messages are lost (20%), duplicated (10%) and some are 150 ms late: a holder acts "
        + "only on the grants that reached it.", 15,
        seed -> new Setup(NET.withDrop(0.2).withDuplicate(0.1).withSlow(0.1, 150), false,
            (run, rng) -> {}, "drops 20%, duplicates 10%, 10% of messages 150 ms late"));
  }

  @Test
  @Order(3)
  @DisplayName("clocks hours apart that drift up to 5% never make two holders act at once")
  @Hint(DRIFT_HINT)
  void skewAndDrift() {
    sweep("Each holder's clock is up to an hour off and runs up to 5% fast or slow; the "
        + "grantor's is up to an hour off and does not drift.", 15,
        seed -> new Setup(NET.withDrop(0.2).withSlow(0.1, 60), true, (run, rng) -> {},
            "clocks up to an hour apart, holders drift up to 5%, drops 20%"));
  }

  @Test
  @Order(4)
  @DisplayName("a holder that crashes and restarts holds nothing until a new grant arrives")
  @Hint(CLOCK_HINT)
  void crashesForgetTheLease() {
    sweep("Holders crash and restart with nothing kept: a restarted holder acts only on grants "
        + "that reach it after its restart.", 15,
        seed -> new Setup(NET.withDrop(0.1), true, holderCrashes(),
            "up to 2 holders crash and restart; skewed, drifting clocks; drops 10%"));
  }

  @Test
  @Order(5)
  @DisplayName("pauses like a stop-the-world GC, and a grantor that crashes, never make two "
      + "holders act at once")
  @Hint(DRIFT_HINT)
  void pausesAndGrantorCrashes() {
    sweep("Holders and the grantor pause for up to 300 ms (no message or timer is handled, "
        + "then the held ones come late); the grantor's clock drifts and it may crash and "
        + "restart, forgetting its leases. A holder that resumes acts only if now < deadline.",
        15, seed -> new Setup(NET.withDrop(0.1), true, crashesAndPauses(),
            "pauses up to 300 ms, holder and grantor crashes, skewed drifting clocks, drops 10%"));
  }

  @Test
  @Order(6)
  @DisplayName("the history of the register the holders protect is linearizable")
  @Hint(DRIFT_HINT)
  void registerIsLinearizable() {
    sweep("Clients write and read a register through the holders that act: a holder loads "
        + "the latest value from the store when it starts acting, writes through, and answers "
        + "reads from its own copy. The clients' history must be linearizable.", 15,
        seed -> new Setup(NET.withDrop(0.1).withSlow(0.05, 150), true, crashesAndPauses(),
            "register clients; pauses, crashes, skewed drifting clocks, drops 10%", true));
  }

  @Test
  @Order(7)
  @DisplayName("the deadline follows the brief's formula for other lease, margin and drift values")
  @Hint(DRIFT_HINT)
  void otherParameters() {
    List<Params> others = List.of(new Params(1_000, 100, 1), new Params(300, 0, 0),
        new Params(120, 30, 200_000));
    for (Params p : others) {
      // The grantor is cut off for longer than a lease, so the holder's lease runs out: its
      // last millisecond is what the budget's formula decides.
      sweep("With " + p + ", budget = " + p.budget() + ": each holder acts exactly while now <"
          + " requestSentAt + budget.", 3, seed -> new Setup(NET.withDrop(0.1), false,
          (run, rng) -> {
            long at = 100 + rng.nextLong(300);
            run.sim.schedule(new Fault.Partition(at, List.of(GRANTOR)));
            run.sim.schedule(new Fault.Heal(at + p.lease() + 50 + rng.nextLong(200)));
          }, p + ", drops 10%, the grantor cut off for longer than a lease", false, p));
    }
  }

  @Test
  @Order(8)
  @DisplayName("the same seed gives the same run")
  @Hint(CLOCK_HINT)
  void deterministic() {
    for (long seed : Seeds.sweep(5)) {
      Setup setup = new Setup(NET.withDrop(0.2), true, crashesAndPauses(),
          "crashes, pauses, drops, skew");
      String problem = Determinism.check(plan -> run(setup, plan), RunPlan.of(seed, HORIZON));
      if (problem != null) {
        throw Seeds.failure(seed, problem, null, CLOCK_HINT);
      }
    }
  }
}
