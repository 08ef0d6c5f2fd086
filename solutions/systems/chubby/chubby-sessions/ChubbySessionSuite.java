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
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for chubby-sessions. Three clients c1..c3 keep sessions with the suite's master,
 * node "cell", which behaves as the brief states (epoch check, first KeepAlive of an epoch
 * answered at once, later ones held until 30 ms of lease are left, fail-overs). Each client runs
 * inside a {@link Watched} wrapper that keeps the brief's model on the client's own clock: state
 * NEW/SAFE/JEOPARDY/EXPIRED, the local lease end L, the grace end X, the epoch, the last
 * KeepAlive sent and the cache. The wrapper sees every message and timer before the client does,
 * every KeepAlive the client sends and every event it calls. A probe every millisecond of true
 * time compares valid() and the cache with the model, checks that valid() is never true at or
 * past the true end of the lease the master granted, and that no event or KeepAlive is overdue.
 * The probe at true time t judges deadlines against the clock's reading at t - 1, which every
 * event of t - 1 has seen, so its verdict does not depend on the order of events within t.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class ChubbySessionSuite {
  static final String CELL = "cell";
  static final String FORGER = "x";
  static final List<String> CLIENTS = List.of("c1", "c2", "c3");
  static final long FLIGHT = 10;
  static final long DRIFT_PPM = 10_000;
  static final long GRACE = 450;
  static final long RETRY = 150;
  static final long EXTEND = 120;
  static final long HOLD = 30;
  static final long HORIZON = 1_500;
  static final long NONE = Long.MIN_VALUE;

  static final String KA_HINT = "keepalives";
  static final String LEASE_HINT = "local-lease";
  static final String EVENT_HINT = "jeopardy-and-grace";
  static final String CLOCK_HINT = "own-clock-only";

  static final String NO_FIRST = "no KeepAlive at start";
  static final String NO_ANSWER = "no KeepAlive right after a reply";
  static final String EXTRA = "KeepAlive not due";
  static final String OVERDUE = "KeepAlive overdue";
  static final String BAD_EPOCH = "KeepAlive with the wrong epoch";
  static final String AFTER_EXPIRY = "KeepAlive after expiry";
  static final String PAST_MASTER = "valid past the master's lease";
  static final String VALID_WRONG = "valid when the model is not";
  static final String INVALID_WRONG = "not valid when the model is";
  static final String CACHE_SERVED = "cache served while not valid";
  static final String CACHE_STALE = "cache kept across jeopardy";
  static final String CACHE_LOST = "cache lost a value";
  static final String EVENT_MISSING = "event missing or late";
  static final String EVENT_EXTRA = "event not due";
  static final String EARLY_JEOPARDY = "jeopardy before the local lease ended";
  static final String FORGED = "acted on a message not from the cell";
  static final String THREW = "threw";

  static final Map<String, String> HINTS = Map.ofEntries(Map.entry(NO_FIRST, KA_HINT),
      Map.entry(NO_ANSWER, KA_HINT), Map.entry(EXTRA, KA_HINT), Map.entry(OVERDUE, KA_HINT),
      Map.entry(BAD_EPOCH, KA_HINT), Map.entry(AFTER_EXPIRY, EVENT_HINT),
      Map.entry(PAST_MASTER, LEASE_HINT), Map.entry(VALID_WRONG, LEASE_HINT),
      Map.entry(INVALID_WRONG, LEASE_HINT), Map.entry(CACHE_SERVED, LEASE_HINT),
      Map.entry(CACHE_STALE, EVENT_HINT), Map.entry(CACHE_LOST, LEASE_HINT),
      Map.entry(EVENT_MISSING, EVENT_HINT), Map.entry(EVENT_EXTRA, EVENT_HINT),
      Map.entry(EARLY_JEOPARDY, LEASE_HINT), Map.entry(FORGED, LEASE_HINT),
      Map.entry(THREW, KA_HINT));

  enum State { NEW, SAFE, JEOPARDY, EXPIRED }

  /**
   * A run's setup: the network, whether clocks are skewed, whether the master sometimes extends
   * by more than 120 ms, and a fail-over (no master from {@code failAt} for {@code gap} ms, true
   * time; gap 0 = none).
   */
  record Setup(SimConfig net, boolean skew, boolean overload, long failAt, long gap,
      String what) {}

  record Problem(String reason, String node, String text) {}

  record Expected(String event, long due) {}

  /** The suite's own timer tag: deliver a forged reply at local lease end {@code lease}. */
  record ForgerArrivesAtL(long lease) {}

  static long budget(long leaseMillis) {
    return (leaseMillis - FLIGHT) * (1_000_000 - DRIFT_PPM) / 1_000_000;
  }

  static final class Run {
    final Simulation sim;
    final Setup setup;
    final SplittableRandom rng;
    Problem problem;
    Cell cell;
    /** Per client, the true time the latest lease the master granted ends. */
    final Map<String, Long> masterEnd = new HashMap<>();
    /** Per client, the clock fault the run applied (offset, drift from true time 0). */
    final Map<String, Fault.Clock> clocks = new HashMap<>();

    Run(Simulation sim, Setup setup, SplittableRandom rng) {
      this.sim = sim;
      this.setup = setup;
      this.rng = rng;
    }

    void report(String reason, String node, String text) {
      if (problem == null) {
        problem = new Problem(reason, node, text);
      }
    }

    /** Client {@code id}'s clock at true time {@code t}, as the simulator computes it. */
    long clockAt(String id, long t) {
      Fault.Clock c = clocks.get(id);
      if (c == null) {
        return t;
      }
      return t + c.offset() + Math.floorDiv(t * c.driftPpm(), 1_000_000);
    }
  }

  /** The master as the brief states it. Its clock may be offset but does not drift. */
  static final class Cell implements Node {
    final Run run;
    Context ctx;
    long epoch;
    boolean up = true;
    final Map<String, Long> leaseEnd = new HashMap<>();
    final Set<String> answered = new HashSet<>();
    final Map<String, Long> held = new HashMap<>();

    Cell(Run run) {
      this.run = run;
      this.epoch = 1 + run.rng.nextInt(1_000);
      run.cell = this;
    }

    @Override
    public void start(Context ctx) {
      this.ctx = ctx;
    }

    void fail() {
      up = false;
      held.values().forEach(ctx::cancelTimer);
      held.clear();
    }

    void takeOver() {
      up = true;
      epoch += 1 + run.rng.nextInt(5);
      answered.clear();
    }

    @Override
    public void onMessage(String from, Object message) {
      if (!up || !(message instanceof ChubbyKeepAlive k)) {
        return;
      }
      if (k.epoch() != epoch) {
        ctx.send(from, new ChubbyEpochRejected(epoch));
        return;
      }
      Long old = held.remove(from);
      if (old != null) {
        ctx.cancelTimer(old);
      }
      long left = leaseEnd.getOrDefault(from, 0L) - ctx.now();
      if (!answered.contains(from) || left <= HOLD) {
        answer(from);
      } else {
        // Now and then the master has an event to deliver and answers early (paper, 2.8).
        long wait = run.rng.nextInt(3) == 0 ? 1 + run.rng.nextLong(left - HOLD) : left - HOLD;
        held.put(from, ctx.setTimer(wait, from));
      }
    }

    void answer(String client) {
      long lease = run.setup.overload() ? EXTEND + run.rng.nextLong(EXTEND + 1) : EXTEND;
      // The lease never ends before the one the master granted last.
      lease = Math.max(lease, leaseEnd.getOrDefault(client, 0L) - ctx.now());
      answered.add(client);
      leaseEnd.put(client, ctx.now() + lease);
      run.masterEnd.merge(client, run.sim.now() + lease, Math::max);
      ctx.send(client, new ChubbyKeepAliveReply(epoch, lease));
    }

    @Override
    public void onTimer(Object tag) {
      String client = (String) tag;
      if (up && held.remove(client) != null) {
        answer(client);
      }
    }
  }

  /** A node that is not the master and sends clients replies and rejections: ignore them. */
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
      long epoch = run.cell.epoch;
      for (String c : CLIENTS) {
        ctx.send(c, ctx.random().nextBoolean() ? new ChubbyKeepAliveReply(epoch, 4 * EXTEND)
            : new ChubbyEpochRejected(epoch + 7));
      }
      ctx.setTimer(97, "forge");
    }
  }

  /** A learner's session, with the brief's model kept beside it on the client's own clock. */
  static final class Watched implements Node, ChubbySessionEvents {
    final String id;
    final Run run;
    final ChubbySession session;
    Context ctx;
    // the model
    State state = State.NEW;
    long lease = NONE;
    long graceEnd;
    long epoch;
    long lastSent = NONE;
    long lastReplyAt = NONE;
    /** The arrival and leaseMillis of the reply that set L. */
    long leaseArrival;
    long leaseMillis;
    final Map<String, String> cache = new HashMap<>();
    final ArrayDeque<Expected> pending = new ArrayDeque<>();
    /** What the client is handling now, for messages: "start()", "the reply ..." */
    String handling = "";
    boolean mustSend;
    boolean sent;
    boolean fromOther;
    int values;

    Watched(String id, Run run) {
      this.id = id;
      this.run = run;
      this.session = new ChubbySession(CELL, FLIGHT, DRIFT_PPM, GRACE, RETRY, this);
      try {
        if (session.valid()) {
          run.report(VALID_WRONG, id, id + ".valid() was true before start(): a session that "
              + "has not started has no lease.");
        } else if (session.cached("k0") != null) {
          run.report(CACHE_SERVED, id, id + ".cached(\"k0\") returned a value before start().");
        }
      } catch (RuntimeException e) {
        if (!String.valueOf(e.getMessage()).contains("TODO")) {
          run.report(THREW, id, id + " threw " + e + " when asked valid()/cached() before "
              + "start(): they answer false/null then.");
        }
      }
    }

    /** The model's transitions due at local time {@code now}, in the brief's order. */
    void catchUp(long now) {
      if (state == State.SAFE && now >= lease) {
        state = State.JEOPARDY;
        cache.clear();
        graceEnd = lease + GRACE;
        pending.add(new Expected("jeopardy", lease));
      }
      if (state == State.JEOPARDY && now >= graceEnd) {
        state = State.EXPIRED;
        pending.add(new Expected("expired", graceEnd));
      }
    }

    /** How L came about, in numbers. */
    String leaseText() {
      return "L = " + lease + " = " + leaseArrival + " + " + budget(leaseMillis) + ": the reply "
          + "that set it arrived at " + leaseArrival + " with leaseMillis " + leaseMillis
          + ", budget = (" + leaseMillis + " - " + FLIGHT + ") * " + (1_000_000 - DRIFT_PPM)
          + " / 1000000 = " + budget(leaseMillis);
    }

    String model() {
      return "the model: state " + state + ", local lease end L = "
          + (lease == NONE ? "none" : String.valueOf(lease))
          + (state == State.JEOPARDY || state == State.EXPIRED ? ", grace ends X = " + graceEnd
              : "")
          + (lastReplyAt == NONE ? ", no reply yet" : ", last reply arrived at " + lastReplyAt);
    }

    @Override
    public void start(Context real) {
      ctx = real;
      handling = "start()";
      mustSend = true;
      sent = false;
      session.start(new ForwardingContext(real) {
        @Override
        public void send(String to, Object message) {
          if (message instanceof ChubbyKeepAlive k) {
            sending(to, k);
          }
          super.send(to, message);
        }
      });
      if (!sent) {
        run.report(NO_FIRST, id, id + " sent no KeepAlive in start() (its clock read "
            + ctx.now() + "): the session begins with one.");
      }
      mustSend = false;
      handling = "";
    }

    void sending(String to, ChubbyKeepAlive k) {
      long now = ctx.now();
      catchUp(now);
      if (state == State.EXPIRED) {
        run.report(AFTER_EXPIRY, id, id + " sent a KeepAlive at " + now + " on its clock, "
            + "after its session expired at X = " + graceEnd + ": an expired session sends "
            + "nothing more.");
      } else if (fromOther) {
        run.report(FORGED, id, id + " sent a KeepAlive at " + now + " on its clock while "
            + "handling " + handling + ": only the cell is the master; ignore other nodes.");
      } else if (!to.equals(CELL)) {
        run.report(EXTRA, id, id + " sent a KeepAlive to " + to + ": KeepAlives go to " + CELL
            + ".");
      } else if (k.epoch() != epoch) {
        run.report(BAD_EPOCH, id, id + " sent ChubbyKeepAlive(" + k.epoch() + ") at " + now
            + " on its clock, but the epoch it must carry is " + epoch + (epoch == 0
                ? " (no master has named one yet)" : " (the last ChubbyEpochRejected named it)")
            + ".");
      } else if (mustSend && !sent) {
        sent = true;
      } else if (lastSent != NONE && now - lastSent < RETRY) {
        run.report(EXTRA, id, id + " sent a KeepAlive at " + now + " on its clock"
            + (handling.isEmpty() ? "" : " while handling " + handling) + ", only "
            + (now - lastSent) + " ms after its last one at " + lastSent + ": KeepAlives go out "
            + "in start(), once right after each reply or rejection, and when retryMillis = "
            + RETRY + " have passed since the last one; no others.");
      }
      lastSent = now;
    }

    @Override
    public void onMessage(String from, Object message) {
      long now = ctx.now();
      catchUp(now);
      long leaseBefore = lease;
      boolean fromCell = from.equals(CELL);
      fromOther = !fromCell;
      mustSend = false;
      sent = false;
      handling = "a " + message.getClass().getSimpleName() + " from " + from;
      if (fromCell && state != State.EXPIRED) {
        if (message instanceof ChubbyEpochRejected r) {
          epoch = r.epoch();
          mustSend = true;
          handling = "ChubbyEpochRejected(" + r.epoch() + ") from " + CELL + " at " + now;
        } else if (message instanceof ChubbyKeepAliveReply r) {
          State before = state;
          if (now + budget(r.leaseMillis()) > lease) {
            lease = now + budget(r.leaseMillis());
            leaseArrival = now;
            leaseMillis = r.leaseMillis();
          }
          lastReplyAt = now;
          if (state == State.NEW) {
            state = State.SAFE;
          } else if (state == State.JEOPARDY && now < lease) {
            state = State.SAFE;
            pending.add(new Expected("safe", now));
          }
          mustSend = true;
          handling = "ChubbyKeepAliveReply(" + r.epoch() + ", " + r.leaseMillis() + ") from "
              + CELL + " at " + now + " (state " + before + " before it)";
        }
      }
      if (lease != leaseBefore && state == State.SAFE) {
        // At the moment L is reached, a message from the forger arrives before the client's own
        // timer (this timer is set first): the client must go into jeopardy as it handles it.
        ctx.setTimer(lease - now, new ForgerArrivesAtL(lease));
      }
      session.onMessage(from, message);
      fromOther = false;
      after();
    }

    @Override
    public void onTimer(Object tag) {
      if (tag instanceof ForgerArrivesAtL p) {
        if (p.lease() == lease && run.problem == null) {
          onMessage(FORGER, new ChubbyKeepAliveReply(epoch, 4 * EXTEND));
        }
        return;
      }
      catchUp(ctx.now());
      mustSend = false;
      sent = false;
      handling = "a timer at " + ctx.now();
      session.onTimer(tag);
      after();
    }

    /** After a handler: every due event called, and the KeepAlive it owed sent. */
    void after() {
      if (run.problem == null && !pending.isEmpty()) {
        Expected e = pending.peek();
        if (e.event().equals("jeopardy") && stillValid(run.sim.now())) {
          return;
        }
        run.report(EVENT_MISSING, id, id + " returned from handling " + handling
            + " without calling events." + e.event() + "(), due " + due(e) + "; " + model()
            + ". Make the transitions that are due at the start of every handler.");
      }
      if (run.problem == null && mustSend && !sent) {
        run.report(NO_ANSWER, id, id + " sent no KeepAlive while handling " + handling
            + ": send the next one at once, so that one is always waiting at the master.");
      }
      mustSend = false;
      handling = "";
    }

    String due(Expected e) {
      return switch (e.event()) {
        case "jeopardy" -> "when its clock first read >= L = " + e.due();
        case "expired" -> "when its clock first read >= X = L + grace = " + e.due();
        default -> "while handling the reply at " + e.due() + " that ended jeopardy";
      };
    }

    void called(String event) {
      long now = ctx.now();
      long t = run.sim.now();
      catchUp(now);
      Expected e = pending.peek();
      if (e == null && event.equals("jeopardy") && state == State.SAFE) {
        run.report(EARLY_JEOPARDY, id, id + " called events.jeopardy() at " + now + " on its "
            + "clock, but its local lease runs until " + leaseText() + "; " + model() + ".");
        return;
      }
      if (e == null || !e.event().equals(event)) {
        run.report(EVENT_EXTRA, id, id + " called events." + event + "() at " + now + " on its "
            + "clock" + (handling.isEmpty() ? "" : " while handling " + handling) + ", but "
            + (e == null ? "no event is due" : "the event due is " + e.event() + "()")
            + "; " + model() + ". Each event comes once, at its transition.");
        return;
      }
      long before = run.clockAt(id, t - 1);
      if (!event.equals("safe") && t > 0 && before >= e.due()) {
        run.report(EVENT_MISSING, id, id + " called events." + event + "() at " + now
            + " on its clock, but it was due " + due(e) + ", and the clock already read "
            + before + " a millisecond earlier. Set a timer for that deadline.");
        return;
      }
      pending.poll();
    }

    @Override
    public void jeopardy() {
      called("jeopardy");
    }

    @Override
    public void safe() {
      called("safe");
    }

    @Override
    public void expired() {
      called("expired");
    }

    /**
     * A missing jeopardy where the client still says valid() has a lease cause: report that
     * instead, and return true.
     */
    boolean stillValid(long t) {
      boolean valid;
      try {
        valid = session.valid();
      } catch (RuntimeException e) {
        return false;
      }
      if (!valid) {
        return false;
      }
      long end = run.masterEnd.getOrDefault(id, NONE);
      long now = ctx.now();
      if (t >= end) {
        run.report(PAST_MASTER, id, id + ".valid() was true at true time " + t + " (" + now
            + " on its clock), but the lease the master granted it ended at true time " + end
            + ": the master may already have ended the session. " + model() + ".");
      } else {
        run.report(VALID_WRONG, id, id + ".valid() was still true at " + now + " on its clock, "
            + "but its local lease ended at " + leaseText() + "; " + model() + ".");
      }
      return true;
    }

    /** The millisecond check; {@code t} is true time. */
    void probe(long t) {
      long now = ctx.now();
      long before = run.clockAt(id, t - 1);
      if (now != run.clockAt(id, t)) {
        throw new IllegalStateException("suite: clock model of " + id + " is off");
      }
      catchUp(before);
      if (!pending.isEmpty()) {
        Expected e = pending.peek();
        if (e.event().equals("jeopardy") && stillValid(t)) {
          return;
        }
        run.report(EVENT_MISSING, id, id + " has not called events." + e.event() + "(), due "
            + due(e) + "; its clock read " + before + " a millisecond ago and reads " + now
            + " now; " + model() + ".");
        return;
      }
      if (state != State.EXPIRED && lastSent != NONE && before - lastSent >= RETRY) {
        run.report(OVERDUE, id, id + "'s last KeepAlive went out at " + lastSent + " on its "
            + "clock, and its clock read " + before + " a millisecond ago: one was due at "
            + (lastSent + RETRY) + " (retryMillis = " + RETRY + " after the last one).");
        return;
      }
      boolean valid;
      try {
        valid = session.valid();
      } catch (RuntimeException e) {
        run.report(THREW, id, id + ".valid() threw " + e + " at " + now + " on its clock.");
        return;
      }
      long end = run.masterEnd.getOrDefault(id, NONE);
      if (valid && t >= end) {
        run.report(PAST_MASTER, id, id + ".valid() was true at true time " + t + ", but "
            + (end == NONE ? "the master has granted it no lease"
                : "the lease the master granted it ended at true time " + end)
            + ": the master may already have ended the session. Count the local lease from "
            + "the reply's arrival minus maxFlightMillis, shrunk by the drift bound.");
        return;
      }
      boolean expected = state != State.EXPIRED && now < lease;
      if (valid != expected) {
        run.report(valid ? VALID_WRONG : INVALID_WRONG, id, id + ".valid() was " + valid
            + " at " + now + " on its clock; " + model() + (lease == NONE ? ""
                : "; " + leaseText()) + ". valid() is true exactly when L exists, now < L and the session has not "
            + "expired.");
        return;
      }
      cacheStep(now, expected);
    }

    void cacheStep(long now, boolean validNow) {
      SplittableRandom rng = run.rng;
      String key = "k" + rng.nextInt(4);
      if (rng.nextInt(3) == 0) {
        String value = id + "-v" + (++values);
        session.put(key, value);
        if (validNow) {
          cache.put(key, value);
        }
      }
      String ask = "k" + rng.nextInt(4);
      String got;
      try {
        got = session.cached(ask);
      } catch (RuntimeException e) {
        run.report(THREW, id, id + ".cached(\"" + ask + "\") threw " + e + " at " + now + ".");
        return;
      }
      String want = validNow ? cache.get(ask) : null;
      if (java.util.Objects.equals(got, want)) {
        return;
      }
      String what = id + ".cached(\"" + ask + "\") returned " + quote(got) + " at " + now
          + " on its clock; the model says " + quote(want) + " (" + model() + "). ";
      if (!validNow) {
        run.report(CACHE_SERVED, id, what + "While the session is not valid the cache serves "
            + "nothing and put() stores nothing.");
      } else if (want == null) {
        run.report(CACHE_STALE, id, what + "Going into jeopardy empties the cache, and a put() "
            + "while not valid stores nothing: after a safe event the cache starts empty.");
      } else {
        run.report(CACHE_LOST, id, what + "A put() while valid is kept until jeopardy.");
      }
    }
  }

  static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  static Outcome run(Setup setup, RunPlan plan) {
    Simulation sim = new Simulation(plan, setup.net());
    SplittableRandom rng = new SplittableRandom(plan.seed());
    Run run = new Run(sim, setup, rng);
    sim.addNode(CELL, () -> new Cell(run));
    sim.addNode(FORGER, () -> new Forger(run));
    for (String id : CLIENTS) {
      sim.addNode(id, () -> new Watched(id, run), rng.nextInt(20));
    }
    if (setup.skew()) {
      for (Fault f : Nemesis.clocks(rng, CLIENTS, 3_600_000, DRIFT_PPM)) {
        if (plan.allows(f)) {
          run.clocks.put(((Fault.Clock) f).node(), (Fault.Clock) f);
        }
        sim.schedule(f);
      }
      sim.schedule(new Fault.Clock(0, CELL, rng.nextLong(-3_600_000, 3_600_001), 0));
    }
    if (setup.gap() > 0) {
      sim.at(setup.failAt(), () -> run.cell.fail());
      sim.at(setup.failAt() + setup.gap(), () -> run.cell.takeOver());
    }
    sim.at(1, () -> probe(run));
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
    return e.type() == TraceEvent.Type.NETWORK || e.node().equals(node) || e.peer().equals(node);
  }

  static void probe(Run run) {
    if (run.problem != null) {
      return;
    }
    long t = run.sim.now();
    if (t + 1 <= run.sim.plan().horizon()) {
      run.sim.at(t + 1, () -> probe(run));
    }
    for (String id : CLIENTS) {
      if (run.sim.node(id) instanceof Watched w && w.ctx != null) {
        w.probe(t);
        if (run.problem != null) {
          return;
        }
      }
    }
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

  static final SimConfig NET = SimConfig.reliable().withDelay(Delay.uniform(1, FLIGHT));

  static long between(long seed, long salt, long lo, long hi) {
    return new SplittableRandom(seed * 31 + salt).nextLong(lo, hi + 1);
  }

  @Test
  @Order(1)
  @DisplayName("on a reliable network the session stays valid and KeepAlives go out as stated")
  @Hint(KA_HINT)
  void reliable() {
    sweep("KeepAlives at start, right after each reply, and retryMillis after the last one; "
        + "valid() exactly while now < L.", 8,
        seed -> new Setup(NET, false, false, 0, 0, "reliable network, delays 1-" + FLIGHT
            + " ms, the master extends by " + EXTEND + " ms"));
  }

  @Test
  @Order(2)
  @DisplayName("lost and duplicated messages: jeopardy and safe come exactly when the model says")
  @Hint(EVENT_HINT)
  void lossy() {
    sweep("A lost KeepAlive or reply lets the local lease run out: jeopardy at L, safe when a "
        + "reply arrives within the grace period.", 12,
        seed -> new Setup(NET.withDrop(0.25).withDuplicate(0.1), false, true, 0, 0,
            "drops 25%, duplicates 10%, the master extends by " + EXTEND + "-" + 2 * EXTEND
                + " ms"));
  }

  @Test
  @Order(3)
  @DisplayName("clocks hours off and drifting 1% never make a session valid past the master's lease")
  @Hint(LEASE_HINT)
  void skew() {
    sweep("Clients' clocks up to an hour off, running up to 1% fast or slow; the local lease "
        + "must end before the master's.", 12,
        seed -> new Setup(NET.withDrop(0.15), true, true, 0, 0,
            "skewed clocks drifting up to 1%, drops 15%, extensions " + EXTEND + "-"
                + 2 * EXTEND + " ms"));
  }

  @Test
  @Order(4)
  @DisplayName("a session survives a master fail-over shorter than the grace period")
  @Hint(EVENT_HINT)
  void shortFailover() {
    sweep("No master for 150-250 ms: clients go into jeopardy, are rejected for the old epoch, "
        + "retry at once with the new one and are safe again.", 12,
        seed -> {
          long at = between(seed, 1, 250, 600);
          long gap = between(seed, 2, 150, 250);
          return new Setup(NET.withDrop(0.05), true, false, at, gap, "no master from true time "
              + at + " for " + gap + " ms, skewed clocks, drops 5%");
        });
  }

  @Test
  @Order(5)
  @DisplayName("a session expires in a fail-over longer than the grace period, and stays expired")
  @Hint(EVENT_HINT)
  void longFailover() {
    sweep("No master for 650-800 ms: sessions expire at X = L + grace and send nothing more.",
        10, seed -> {
          long at = between(seed, 1, 200, 500);
          long gap = between(seed, 2, 650, 800);
          return new Setup(NET.withDrop(0.05), true, true, at, gap, "no master from true time "
              + at + " for " + gap + " ms, skewed clocks, drops 5%");
        });
  }

  @Test
  @Order(6)
  @DisplayName("the same seed gives the same run")
  @Hint(CLOCK_HINT)
  void deterministic() {
    for (long seed : Seeds.sweep(4)) {
      Setup setup = new Setup(NET.withDrop(0.2), true, true, 300, 200, "fail-over, drops, skew");
      String problem = Determinism.check(plan -> run(setup, plan), RunPlan.of(seed, HORIZON));
      if (problem != null) {
        throw Seeds.failure(seed, problem, null, CLOCK_HINT);
      }
    }
  }
}
