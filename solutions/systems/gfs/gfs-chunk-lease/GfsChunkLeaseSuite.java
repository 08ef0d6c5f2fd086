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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
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
 * Hidden suite for gfs-chunk-lease. The learner's master m runs inside {@link WatchedMaster},
 * which feeds every message it receives to the suite's own model of the brief ({@link Model})
 * and compares the learner's answer with the model's, field by field. Three suite replicas
 * r1..r3 (primary and secondaries, as the brief describes them) and two clients c1, c2 run
 * around it; probes check in TRUE time that at most one replica acts as primary, that every
 * replica applies mutations in serial order, that the replicas that acknowledged a mutation
 * hold the acknowledged mutations in the same order, and that after the primary crashes
 * mutations succeed again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class GfsChunkLeaseSuite {
  static final String MASTER = "m";
  static final List<String> REPLICAS = List.of("r1", "r2", "r3");
  /** The replicas as the master's constructor gets them: not sorted, so sorting is the master's. */
  static final List<String> GIVEN_ORDER = List.of("r3", "r1", "r2");
  static final List<String> CLIENTS = List.of("c1", "c2");
  static final long INITIAL_VERSION = 7;
  static final long LEASE = 200;
  static final long DRIFT_PPM = 50_000;
  static final long ALIVE = 100;
  static final long GUARD = LEASE * DRIFT_PPM / 1_000_000;
  /** How long a replica acts after the sentAt of its heartbeat, on its own clock. */
  static final long BUDGET = LEASE * (1_000_000 - DRIFT_PPM) / 1_000_000;
  static final long HEARTBEAT = 25;
  static final long RESEND = 10;
  static final long CLIENT_TICK = 20;
  static final long CLIENT_TIMEOUT = 120;
  static final long HORIZON = 2_000;
  static final long NONE = Long.MIN_VALUE;

  static final String EXTEND_HINT = "extend-the-holder";
  static final String WAIT_HINT = "wait-out-the-lease";
  static final String VERSION_HINT = "bump-the-version";
  static final String STALE_HINT = "drop-stale-replicas";

  static final String NOT_ONE_ANSWER = "not exactly one answer";
  static final String CLIENT_ANSWER = "wrong answer to a client";
  static final String EARLY_GRANT = "lease granted before the chunk was free";
  static final String NO_GRANT = "no lease granted on a free chunk";
  static final String BAD_EXTENSION = "wrong extension";
  static final String BAD_VERSION = "wrong version";
  static final String STALE_MISSED = "stale replica not told";
  static final String NOT_STALE = "up-to-date replica called stale";
  static final String BAD_SECONDARIES = "wrong secondaries";
  static final String THREW = "the master threw";
  static final String TWO_PRIMARIES = "two primaries at once";
  static final String OUT_OF_ORDER = "mutation applied out of order";
  static final String ORDER_DIFFERS = "acknowledged mutations in different orders";
  static final String STUCK = "no progress after the primary crashed";

  static final Map<String, String> HINTS = Map.ofEntries(Map.entry(NOT_ONE_ANSWER, EXTEND_HINT),
      Map.entry(CLIENT_ANSWER, EXTEND_HINT), Map.entry(EARLY_GRANT, WAIT_HINT),
      Map.entry(NO_GRANT, WAIT_HINT), Map.entry(BAD_EXTENSION, EXTEND_HINT),
      Map.entry(BAD_VERSION, VERSION_HINT), Map.entry(STALE_MISSED, STALE_HINT),
      Map.entry(NOT_STALE, STALE_HINT), Map.entry(BAD_SECONDARIES, STALE_HINT),
      Map.entry(THREW, EXTEND_HINT), Map.entry(TWO_PRIMARIES, WAIT_HINT),
      Map.entry(OUT_OF_ORDER, WAIT_HINT), Map.entry(ORDER_DIFFERS, WAIT_HINT),
      Map.entry(STUCK, WAIT_HINT));

  // Messages between the suite's replicas and clients: the learner never sees them.
  record Write(String id) {}

  record WriteOk(String id) {}

  record NotPrimary() {}

  record Apply(long version, long serial, String id) {}

  record Applied(long version, long upTo) {}

  record Entry(long version, long serial, String id) {}

  record Acked(String id, long version, long serial, List<String> replicas, long at) {}

  record Setup(SimConfig net, boolean skew, BiConsumer<Run, SplittableRandom> faults,
      String what) {}

  record Problem(String reason, String node, String text) {}

  /** What a replica keeps across crashes: its chunk's version, its log, and whether it is stale. */
  static final class Durable {
    long version = INITIAL_VERSION;
    final List<Entry> log = new ArrayList<>();
    boolean stale;

    final Map<Long, Integer> firstIndex = new HashMap<>();

    long count(long v) {
      Integer first = firstIndex.get(v);
      return first == null ? 0 : log.size() - first;
    }

    void add(Entry e) {
      firstIndex.putIfAbsent(e.version(), log.size());
      log.add(e);
    }
  }

  static final class Run {
    final Simulation sim;
    final Setup setup;
    Problem problem;
    final Model model = new Model();
    final Map<String, Durable> disks = new HashMap<>();
    final List<Acked> acked = new ArrayList<>();
    long crashedPrimaryAt = NONE;
    String crashedPrimary;
    long lastAckAt = NONE;

    Run(Simulation sim, Setup setup) {
      this.sim = sim;
      this.setup = setup;
      for (String r : REPLICAS) {
        disks.put(r, new Durable());
      }
    }

    void report(String reason, String node, String text) {
      if (problem == null) {
        problem = new Problem(reason, node, text);
        if (sim != null) {
          sim.flag(node, reason);
        }
      }
    }
  }

  /** The brief's model of the master, on the master's own clock. */
  static final class Model {
    long version = INITIAL_VERSION;
    final TreeSet<String> current = new TreeSet<>(REPLICAS);
    final Map<String, Long> lastHeard = new HashMap<>();
    String holder;
    long expiresAt;
    List<String> secondaries = List.of();
    /** What the last heartbeat did, for messages: "stale", "extend", "grant" or "wait". */
    String lastCase = "";

    void start(long now) {
      for (String r : REPLICAS) {
        lastHeard.put(r, now);
      }
    }

    boolean inForce(long now) {
      return holder != null && now < expiresAt;
    }

    boolean free(long now) {
      return holder == null || now >= expiresAt + GUARD;
    }

    Object answer(String from, Object message, long now) {
      if (message instanceof GfsFindLease) {
        return inForce(now) ? new GfsLeaseInfo(holder, secondaries, version)
            : new GfsLeaseInfo(null, List.of(), version);
      }
      if (!(message instanceof GfsHeartbeat hb)) {
        return null;
      }
      if (!current.contains(from)) {
        lastCase = "stale";
        return new GfsStale(version);
      }
      lastHeard.put(from, now);
      if (from.equals(holder) && inForce(now)) {
        lastCase = "extend";
        expiresAt = now + LEASE;
        return new GfsHeartbeatReply(hb.sentAt(), version, true, secondaries);
      }
      if (free(now)) {
        lastCase = "grant";
        version++;
        current.removeIf(r -> now - lastHeard.get(r) > ALIVE);
        holder = from;
        expiresAt = now + LEASE;
        List<String> others = new ArrayList<>(current);
        others.remove(from);
        secondaries = List.copyOf(others);
        return new GfsHeartbeatReply(hb.sentAt(), version, true, secondaries);
      }
      lastCase = "wait";
      return new GfsHeartbeatReply(hb.sentAt(), version, false, List.of());
    }

    String state(long now) {
      String lease = holder == null ? "no lease yet"
          : holder + " holds the lease until " + expiresAt + " (free from " + (expiresAt + GUARD)
              + ")";
      return "On your clock it is " + now + "; " + lease + "; version " + version
          + "; up-to-date replicas " + current + ", last heard at " + new java.util.TreeMap<>(
              lastHeard) + ".";
    }
  }

  /** The learner's master, checked against the model at every message. */
  static final class WatchedMaster implements Node {
    final Run run;
    final GfsMaster master;
    Context ctx;
    final List<Object[]> sent = new ArrayList<>();

    WatchedMaster(Run run) {
      this.run = run;
      this.master = new GfsMaster(GIVEN_ORDER, INITIAL_VERSION, LEASE, DRIFT_PPM, ALIVE);
    }

    @Override
    public void start(Context real) {
      ctx = real;
      run.model.start(real.now());
      master.start(new ForwardingContext(real) {
        @Override
        public void send(String to, Object message) {
          sent.add(new Object[] {to, message});
          super.send(to, message);
        }
      });
    }

    @Override
    public void onMessage(String from, Object message) {
      long now = ctx.now();
      Model model = run.model;
      String before = model.state(now);
      Object expected = model.answer(from, message, now);
      sent.clear();
      try {
        master.onMessage(from, message);
      } catch (RuntimeException e) {
        run.report(THREW, MASTER, "The master threw " + e + " on " + message + " from " + from
            + ". " + before);
        return;
      }
      String got = describe(from, message) + " at " + now + " on the master's clock";
      if (expected == null && !sent.isEmpty()) {
        run.report(NOT_ONE_ANSWER, MASTER, got + ", the master sent " + sent.get(0)[1] + " to "
            + sent.get(0)[0] + ": a message that is neither GfsFindLease nor GfsHeartbeat is "
            + "ignored, with no answer.");
        return;
      }
      if (expected == null) {
        return;
      }
      if (sent.size() != 1 || !from.equals(sent.get(0)[0])) {
        List<String> answers = new ArrayList<>();
        for (Object[] s : sent) {
          answers.add(s[1] + " to " + s[0]);
        }
        run.report(NOT_ONE_ANSWER, MASTER, got + ", the master sent " + answers
            + "; answer every message at once with exactly one message to its sender: "
            + expected + ". " + before);
        return;
      }
      Object actual = sent.get(0)[1];
      if (Objects.equals(expected, actual)) {
        return;
      }
      String reason = classify(from, expected, actual);
      run.report(reason, MASTER, got + ", the master answered " + actual + ", the model answers "
          + expected + ". " + before + " " + explain(reason));
    }

    String classify(String from, Object expected, Object actual) {
      if (expected instanceof GfsLeaseInfo e) {
        if (actual instanceof GfsLeaseInfo a && Objects.equals(e.primary(), a.primary())) {
          return e.version() != a.version() ? BAD_VERSION
              : !e.secondaries().equals(a.secondaries()) ? BAD_SECONDARIES : CLIENT_ANSWER;
        }
        return CLIENT_ANSWER;
      }
      if (expected instanceof GfsStale) {
        return actual instanceof GfsStale ? BAD_VERSION : STALE_MISSED;
      }
      GfsHeartbeatReply e = (GfsHeartbeatReply) expected;
      if (!(actual instanceof GfsHeartbeatReply a)) {
        return NOT_STALE;
      }
      String what = run.model.lastCase;
      if (!e.primary() && a.primary()) {
        // Extended a lease that is no longer in force, or granted a new one too early.
        return from.equals(run.model.holder) && a.version() == e.version() ? BAD_EXTENSION
            : EARLY_GRANT;
      }
      if (e.primary() && !a.primary()) {
        return what.equals("extend") ? BAD_EXTENSION : NO_GRANT;
      }
      if (e.version() != a.version()) {
        return BAD_VERSION;
      }
      if (!e.secondaries().equals(a.secondaries())) {
        return BAD_SECONDARIES;
      }
      return what.equals("extend") ? BAD_EXTENSION : NOT_ONE_ANSWER;
    }

    static String explain(String reason) {
      return switch (reason) {
        case CLIENT_ANSWER -> "Name the holder to a client only while its lease is in force "
            + "(now < expiresAt), with its secondaries and the current version.";
        case EARLY_GRANT -> "The chunk is free only when there is no holder or now >= "
            + "expiresAt + guard (guard = " + GUARD + " ms); until then nobody gets a new lease.";
        case NO_GRANT -> "The chunk was free: the first up-to-date replica to send a heartbeat "
            + "gets a new lease.";
        case BAD_EXTENSION -> "The holder's heartbeat extends its lease only while it is in "
            + "force (now < expiresAt): expiresAt = now + leaseMillis, same version and "
            + "secondaries.";
        case BAD_VERSION -> "Every new lease, and only a new lease, increments the version.";
        case STALE_MISSED -> "A replica left out of current at a grant missed the version bump: "
            + "answer it with GfsStale(version).";
        case NOT_STALE -> "Only replicas outside current are stale.";
        case BAD_SECONDARIES -> "At a new lease, drop every replica not heard from within "
            + "aliveMillis = " + ALIVE + " ms; the secondaries are current without the "
            + "primary, sorted by name.";
        default -> "Copy the heartbeat's sentAt into the reply unchanged.";
      };
    }

    static String describe(String from, Object message) {
      return "On " + message + " from " + from;
    }

    @Override
    public void onTimer(Object tag) {
      master.onTimer(tag);
    }
  }

  /** A replica as the brief describes it: primary while its lease is valid, or secondary. */
  static final class Replica implements Node {
    final String id;
    final Run run;
    final Durable disk;
    Context ctx;
    long deadline = NONE;
    long leaseVersion = NONE;
    List<String> secondaries = List.of();
    final Map<String, Long> ackedBy = new HashMap<>();
    /** Serial -> [client, mutation id], waiting for every secondary. */
    final Map<Long, String[]> pending = new LinkedHashMap<>();

    Replica(String id, Run run) {
      this.id = id;
      this.run = run;
      this.disk = run.disks.get(id);
    }

    @Override
    public void start(Context ctx) {
      this.ctx = ctx;
      heartbeat();
      ctx.setTimer(RESEND, "resend");
    }

    void heartbeat() {
      ctx.send(MASTER, new GfsHeartbeat(ctx.now(), disk.version));
      ctx.setTimer(HEARTBEAT, "heartbeat");
    }

    boolean acting() {
      return !disk.stale && deadline != NONE && leaseVersion == disk.version
          && ctx.now() < deadline;
    }

    @Override
    public void onTimer(Object tag) {
      if (tag.equals("heartbeat")) {
        heartbeat();
        return;
      }
      ctx.setTimer(RESEND, "resend");
      if (deadline == NONE || leaseVersion != disk.version || disk.stale) {
        return;
      }
      Integer first = disk.firstIndex.get(leaseVersion);
      if (first == null) {
        return;
      }
      for (String s : secondaries) {
        long from = ackedBy.getOrDefault(s, 0L);
        for (int i = first + (int) from; i < disk.log.size() && i < first + from + 20; i++) {
          Entry e = disk.log.get(i);
          ctx.send(s, new Apply(e.version(), e.serial(), e.id()));
        }
      }
    }

    @Override
    public void onMessage(String from, Object message) {
      if (from.equals(MASTER) && message instanceof GfsHeartbeatReply r) {
        if (r.version() > disk.version) {
          disk.version = r.version();
        }
        if (r.primary() && r.version() == disk.version) {
          if (leaseVersion != r.version()) {
            leaseVersion = r.version();
            ackedBy.clear();
            pending.clear();
          }
          secondaries = r.secondaries();
          deadline = Math.max(deadline, r.sentAt() + BUDGET);
        } else if (r.version() > leaseVersion) {
          deadline = NONE;
        }
      } else if (from.equals(MASTER) && message instanceof GfsStale) {
        disk.stale = true;
        deadline = NONE;
      } else if (message instanceof Write w) {
        if (!acting()) {
          ctx.send(from, new NotPrimary());
          return;
        }
        long serial = disk.count(leaseVersion) + 1;
        append(new Entry(leaseVersion, serial, w.id()));
        pending.put(serial, new String[] {from, w.id()});
        for (String s : secondaries) {
          ctx.send(s, new Apply(leaseVersion, serial, w.id()));
        }
        complete();
      } else if (message instanceof Apply a) {
        if (disk.stale || a.version() != disk.version) {
          return;
        }
        if (a.serial() == disk.count(a.version()) + 1) {
          append(new Entry(a.version(), a.serial(), a.id()));
        }
        ctx.send(from, new Applied(a.version(), disk.count(a.version())));
      } else if (message instanceof Applied a) {
        if (a.version() == leaseVersion && secondaries.contains(from)) {
          ackedBy.merge(from, a.upTo(), Math::max);
          complete();
        }
      }
    }

    void append(Entry e) {
      Entry last = disk.log.isEmpty() ? null : disk.log.get(disk.log.size() - 1);
      boolean inOrder = last == null ? e.serial() == 1
          : last.version() == e.version() ? e.serial() == last.serial() + 1
              : last.version() < e.version() && e.serial() == 1;
      if (!inOrder) {
        run.report(OUT_OF_ORDER, id, id + " applied " + e + " right after " + last
            + ": within a version serial numbers go 1, 2, 3, ..., and versions only grow. Two "
            + "primaries, or a stale replica in the lease, give a replica clashing serials.");
      }
      disk.add(e);
    }

    void complete() {
      List<Long> done = new ArrayList<>();
      for (Map.Entry<Long, String[]> p : pending.entrySet()) {
        boolean all = true;
        for (String s : secondaries) {
          all &= ackedBy.getOrDefault(s, 0L) >= p.getKey();
        }
        if (all) {
          done.add(p.getKey());
          List<String> set = new ArrayList<>();
          set.add(id);
          set.addAll(secondaries);
          run.acked.add(new Acked(p.getValue()[1], leaseVersion, p.getKey(), List.copyOf(set),
              run.sim.now()));
          run.lastAckAt = run.sim.now();
          ctx.send(p.getValue()[0], new WriteOk(p.getValue()[1]));
        }
      }
      done.forEach(pending::remove);
    }
  }

  /** A client: asks the master who the primary is, writes through it, asks again on failure. */
  static final class ClientNode implements Node {
    Context ctx;
    String primary;
    String pendingId;
    long pendingSince;
    int next;

    @Override
    public void start(Context ctx) {
      this.ctx = ctx;
      ctx.setTimer(CLIENT_TICK, "tick");
    }

    @Override
    public void onTimer(Object tag) {
      ctx.setTimer(CLIENT_TICK, "tick");
      if (pendingId != null && ctx.now() - pendingSince > CLIENT_TIMEOUT) {
        pendingId = null;
        primary = null;
      }
      if (pendingId != null) {
        return;
      }
      if (primary == null) {
        ctx.send(MASTER, new GfsFindLease());
      } else {
        pendingId = ctx.id() + "-" + (++next);
        pendingSince = ctx.now();
        ctx.send(primary, new Write(pendingId));
      }
    }

    @Override
    public void onMessage(String from, Object message) {
      if (message instanceof GfsLeaseInfo info && info.primary() != null) {
        primary = info.primary();
      } else if (message instanceof WriteOk ok && ok.id().equals(pendingId)) {
        pendingId = null;
      } else if (message instanceof NotPrimary && from.equals(primary)) {
        primary = null;
        pendingId = null;
      }
    }
  }

  /** Sends the master, now and then, a message that is neither a heartbeat nor a query. */
  static final class Noise implements Node {
    Context ctx;

    @Override
    public void start(Context ctx) {
      this.ctx = ctx;
      ctx.setTimer(333, "noise");
    }

    @Override
    public void onMessage(String from, Object message) {}

    @Override
    public void onTimer(Object tag) {
      ctx.send(MASTER, new Write("noise"));
      ctx.setTimer(333, "noise");
    }
  }

  static Outcome run(Setup setup, RunPlan plan) {
    Simulation sim = new Simulation(plan, setup.net());
    Run run = new Run(sim, setup);
    SplittableRandom rng = new SplittableRandom(plan.seed());
    sim.addNode(MASTER, () -> new WatchedMaster(run));
    for (String r : REPLICAS) {
      sim.addNode(r, () -> new Replica(r, run), 1 + rng.nextInt(20));
    }
    for (String c : CLIENTS) {
      sim.addNode(c, ClientNode::new, 1 + rng.nextInt(20));
    }
    sim.addNode("x", Noise::new);
    List<String> clocked = new ArrayList<>(REPLICAS);
    clocked.add(MASTER);
    List<Fault> clocks = Nemesis.clocks(rng, clocked, 3_600_000, DRIFT_PPM);
    if (setup.skew()) {
      clocks.forEach(sim::schedule);
    }
    if (setup.what().contains(WORST_CLOCKS)) {
      // The worst case the brief allows: the master's clock runs fast, the replicas' run slow.
      for (Fault f : clocks) {
        Fault.Clock c = (Fault.Clock) f;
        sim.schedule(new Fault.Clock(0, c.node(), c.offset(),
            c.node().equals(MASTER) ? DRIFT_PPM : -DRIFT_PPM));
      }
    }
    setup.faults().accept(run, rng);
    sim.at(1, () -> probe(run));
    sim.at(plan.horizon(), () -> sameOrder(run));
    try {
      sim.run();
    } catch (SimulationException e) {
      return Outcome.threw(e);
    }
    Problem p = run.problem;
    if (p == null) {
      return Outcome.passed(sim);
    }
    Timeline timeline = Timeline.of(sim.trace()).maxLines(60).filter(e -> concerns(e, p.node()));
    return Outcome.failed(sim, p.reason(), p.text(), timeline);
  }

  static boolean concerns(TraceEvent e, String node) {
    return e.type() == TraceEvent.Type.NETWORK || e.type() == TraceEvent.Type.FLAG
        || e.node().equals(MASTER) || e.peer().equals(MASTER) || e.node().equals(node)
        || e.peer().equals(node);
  }

  /** Every true millisecond: at most one replica acts as primary. */
  static void probe(Run run) {
    if (run.problem != null) {
      return;
    }
    long t = run.sim.now();
    if (t + 1 <= run.sim.plan().horizon()) {
      run.sim.at(t + 1, () -> probe(run));
    }
    String actor = null;
    for (String r : REPLICAS) {
      if (run.sim.node(r) instanceof Replica rep && rep.ctx != null && rep.acting()) {
        if (actor != null) {
          run.report(TWO_PRIMARIES, r, actor + " and " + r + " both act as primary at true time "
              + t + " (" + r + " for version " + rep.leaseVersion + "). The master gave " + r
              + " a lease while " + actor + "'s could still be in use.");
          return;
        }
        actor = r;
      }
    }
  }

  /** At the end: the replicas of each acknowledged mutation hold it, in one common order. */
  static void sameOrder(Run run) {
    if (run.problem != null) {
      return;
    }
    Set<String> ackedIds = new HashSet<>();
    for (Acked a : run.acked) {
      ackedIds.add(a.id());
      for (String r : a.replicas()) {
        if (!run.disks.get(r).log.contains(new Entry(a.version(), a.serial(), a.id()))) {
          run.report(ORDER_DIFFERS, r, "Mutation " + a.id() + " was acknowledged at true time "
              + a.at() + " as serial " + a.serial() + " of version " + a.version() + " by "
              + a.replicas() + ", but " + r + " does not hold it there: its log is "
              + run.disks.get(r).log);
          return;
        }
      }
    }
    for (String x : REPLICAS) {
      for (String y : REPLICAS) {
        if (x.compareTo(y) >= 0) {
          continue;
        }
        List<String> xs = common(run.disks.get(x).log, run.disks.get(y).log, ackedIds);
        List<String> ys = common(run.disks.get(y).log, run.disks.get(x).log, ackedIds);
        if (!xs.equals(ys)) {
          run.report(ORDER_DIFFERS, y, x + " holds the acknowledged mutations they share in the "
              + "order " + xs + ", " + y + " in the order " + ys + ".");
          return;
        }
      }
    }
  }

  static List<String> common(List<Entry> log, List<Entry> other, Set<String> acked) {
    Set<String> there = new HashSet<>();
    other.forEach(e -> there.add(e.id()));
    List<String> ids = new ArrayList<>();
    for (Entry e : log) {
      if (acked.contains(e.id()) && there.contains(e.id())) {
        ids.add(e.id());
      }
    }
    return ids;
  }

  static void sweep(String property, int seeds, LongFunction<Setup> setups) {
    for (long seed : Seeds.sweep(seeds)) {
      Setup setup = setups.apply(seed);
      Scenario scenario = plan -> run(setup, plan);
      Shrinker.Result r = Shrinker.firstFailure(scenario, new long[] {seed}, HORIZON);
      if (r != null) {
        String hint = HINTS.get(r.outcome().reason());
        throw Seeds.failure(seed, property + "\nSetup: " + setup.what() + "\n" + r.report(),
            r.outcome().error(), hint);
      }
    }
  }

  /** Crashes whichever replica acts as primary at true time {@code at}; it restarts later. */
  static BiConsumer<Run, SplittableRandom> crashThePrimary(long at, long down) {
    return (run, rng) -> run.sim.at(at, () -> {
      for (String r : REPLICAS) {
        if (run.sim.node(r) instanceof Replica rep && rep.ctx != null && rep.acting()) {
          run.sim.schedule(new Fault.Crash(at, r));
          run.sim.schedule(new Fault.Restart(at + down, r));
          run.crashedPrimary = r;
          run.crashedPrimaryAt = at;
          run.sim.at(at + PROGRESS, () -> progress(run, r, at));
        }
      }
    });
  }

  /** How long after the primary's crash some mutation must have succeeded again. */
  static final long PROGRESS = 900;

  static void progress(Run run, String primary, long at) {
    if (run.problem == null && run.lastAckAt <= at) {
      run.report(STUCK, MASTER, "The primary " + primary + " crashed at true time " + at
          + " and by " + (at + PROGRESS) + " no mutation has succeeded since. The lease it held "
          + "ends within (leaseMillis + guard) = " + (LEASE + GUARD) + " ms of the master's "
          + "clock; then the chunk is free and the next heartbeat of an up-to-date replica must "
          + "get a new lease. The master's state now: " + run.model.state(run.sim.clockOf(MASTER)));
    }
  }

  static BiConsumer<Run, SplittableRandom> none() {
    return (run, rng) -> {};
  }

  static BiConsumer<Run, SplittableRandom> partitions() {
    List<String> nodes = new ArrayList<>(REPLICAS);
    nodes.add(MASTER);
    return (run, rng) -> Nemesis.partitions(rng, nodes, 3, 100, 1_600, 400)
        .forEach(run.sim::schedule);
  }

  /** Cuts off whichever replica acts as primary at true time {@code at}, for {@code length} ms. */
  static BiConsumer<Run, SplittableRandom> isolateThePrimary(long at, long length) {
    return (run, rng) -> run.sim.at(at, () -> {
      for (String r : REPLICAS) {
        if (run.sim.node(r) instanceof Replica rep && rep.ctx != null && rep.acting()) {
          run.sim.schedule(new Fault.Partition(at, List.of(r)));
          run.sim.schedule(new Fault.Heal(at + length));
        }
      }
    });
  }

  static BiConsumer<Run, SplittableRandom> replicaCrashes() {
    return (run, rng) -> Nemesis.crashes(rng, REPLICAS, 2, 100, 1_500, 400)
        .forEach(run.sim::schedule);
  }

  static final String WORST_CLOCKS = "master's clock 5% fast, replicas' 5% slow";

  static final SimConfig NET = SimConfig.reliable().withDelay(Delay.uniform(1, 10));
  static final SimConfig LOSSY = NET.withDrop(0.2).withDuplicate(0.1).withSlow(0.1, 150);

  @Test
  @Order(1)
  @DisplayName("the master answers every message as the model does, on a reliable network")
  @Hint(EXTEND_HINT)
  void reliable() {
    sweep("Every answer of the master matches the brief's model; one primary at a time.", 8,
        seed -> new Setup(NET, false, none(), "reliable network, delays 1-10 ms"));
  }

  @Test
  @Order(2)
  @DisplayName("lost, duplicated and late messages never make two primaries")
  @Hint(WAIT_HINT)
  void lossy() {
    sweep("Messages are lost (20%), duplicated (10%) and some are 150 ms late; clocks hours "
        + "apart drift up to 5%.", 12,
        seed -> new Setup(LOSSY, true, none(),
            "drops 20%, duplicates 10%, 10% of messages 150 ms late, skewed drifting clocks"));
  }

  @Test
  @Order(3)
  @DisplayName("an unreachable primary is waited out, whatever the clocks say")
  @Hint(WAIT_HINT)
  void unreachablePrimary() {
    sweep("The primary is cut off from everyone; clocks hours apart drift up to 5%: "
        + "the master waits until the chunk is free before granting the lease again.", 16,
        seed -> seed % 2 == 0
            ? new Setup(NET.withDrop(0.05), true, isolateThePrimary(400 + seed % 200, 500),
                "the primary cut off for 500 ms, skewed drifting clocks, drops 5%")
            : new Setup(NET.withDelay(Delay.uniform(1, 3)), false, (run, rng) -> {
              isolateThePrimary(300 + seed * 7 % 200, 400).accept(run, rng);
              isolateThePrimary(1_000 + seed * 13 % 200, 400).accept(run, rng);
            }, "the primary cut off twice for 400 ms, delays 1-3 ms, " + WORST_CLOCKS));
  }

  @Test
  @Order(4)
  @DisplayName("partitions and crashes leave stale replicas that are never used again")
  @Hint(STALE_HINT)
  void staleReplicas() {
    sweep("Partitions cut off replicas and the master; replicas crash and restart; a replica "
        + "that missed a version bump is stale for good.", 12,
        seed -> new Setup(NET.withDrop(0.1), true, (run, rng) -> {
          partitions().accept(run, rng);
          replicaCrashes().accept(run, rng);
        }, "up to 3 partitions, up to 2 replica crashes, skewed drifting clocks, drops 10%"));
  }

  @Test
  @Order(5)
  @DisplayName("after the primary crashes a new primary is granted once the chunk is free")
  @Hint(WAIT_HINT)
  void primaryCrash() {
    sweep("The primary crashes and stays down for 600 ms: a new primary is granted only once "
        + "the chunk is free, and clients' mutations succeed again.", 10,
        seed -> new Setup(NET, true, crashThePrimary(300 + seed % 300, 600),
            "the primary crashes for 600 ms, skewed drifting clocks"));
  }

  /** A context for scripted steps: the test sets the clock and collects what is sent. */
  static final class ScriptContext implements Context {
    long now;

    @Override
    public String id() {
      return MASTER;
    }

    @Override
    public long now() {
      return now;
    }

    @Override
    public void send(String to, Object message) {}

    @Override
    public long setTimer(long delayMillis, Object tag) {
      return 0;
    }

    @Override
    public void cancelTimer(long timerId) {}

    @Override
    public dstutor.kit.Disk disk() {
      throw new UnsupportedOperationException("the master needs no disk");
    }

    @Override
    public java.util.random.RandomGenerator random() {
      return new SplittableRandom(1);
    }

    @Override
    public void log(String text) {}
  }

  record Step(long at, String from, Object message) {}

  static Step hb(long at, String from) {
    return new Step(at, from, new GfsHeartbeat(at - 3, INITIAL_VERSION));
  }

  static Step ask(long at) {
    return new Step(at, "c1", new GfsFindLease());
  }

  @Test
  @Order(6)
  @DisplayName("at the exact edges of the lease, the guard and the liveness window")
  @Hint(EXTEND_HINT)
  void edges() {
    // The master starts at 1000 on its clock: r1 gets a lease (until 1200, free from 1210).
    // r3 is heard at 1110, so at 1210 it is exactly aliveMillis old and stays up to date;
    // r1 last heard at 1200 too. Each step is compared with the model.
    List<Step> steps = List.of(hb(1000, "r1"), hb(1110, "r3"), ask(1199), ask(1200),
        hb(1200, "r1"), hb(1209, "r2"), hb(1210, "r2"), ask(1210), hb(1300, "r1"),
        hb(1409, "r2"), hb(1409, "r1"), hb(1410, "r3"));
    Run run = new Run(null, null);
    ScriptContext ctx = new ScriptContext();
    ctx.now = 1000;
    WatchedMaster m = new WatchedMaster(run);
    m.start(ctx);
    List<String> done = new ArrayList<>();
    for (Step step : steps) {
      ctx.now = step.at();
      done.add(step.message() + " from " + step.from() + " at " + step.at());
      m.onMessage(step.from(), step.message());
      if (run.problem != null) {
        throw dstutor.grade.Because.of(HINTS.get(run.problem.reason()),
            "Scripted run on the master's clock (started at 1000, lease " + LEASE + " ms, guard "
                + GUARD + " ms, aliveMillis " + ALIVE + "):\n  " + String.join("\n  ", done)
                + "\n" + run.problem.text());
      }
    }
  }

  @Test
  @Order(7)
  @DisplayName("the same seed gives the same run")
  @Hint(EXTEND_HINT)
  void deterministic() {
    for (long seed : Seeds.sweep(4)) {
      Setup setup = new Setup(NET.withDrop(0.2), true, replicaCrashes(), "crashes, drops, skew");
      String problem = Determinism.check(plan -> run(setup, plan), RunPlan.of(seed, HORIZON));
      if (problem != null) {
        throw Seeds.failure(seed, problem, null, EXTEND_HINT);
      }
    }
  }
}
