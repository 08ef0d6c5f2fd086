import dstutor.kit.Context;
import dstutor.kit.Node;
import dstutor.sim.CheckResult;
import dstutor.sim.Client;
import dstutor.sim.Delay;
import dstutor.sim.Fault;
import dstutor.sim.Op;
import dstutor.sim.SandboxModel;
import dstutor.sim.SimConfig;
import dstutor.sim.Simulation;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `dstutor sandbox chubby-sessions`: three of your sessions, c1..c3, with the master `cell`
 * played as the suite plays it (it holds each KeepAlive until 30 ms before the lease it granted
 * ends, then grants 120 ms more), a 10 ms flight bound, 10,000 ppm drift, 450 ms grace and a
 * KeepAlive at least every 150 ms. There is no client. Crash or partition the cell (a restarted
 * cell is a new master with a higher epoch) and tick; the events each session raises show in
 * the timeline, and `check` asks, in true time, that no session is valid past the lease the
 * master granted it, nor while its last event was jeopardy or expired.
 */
public final class ChubbySessionsSandbox implements SandboxModel {
  private static final String CELL = "cell";
  private static final List<String> CLIENTS = List.of("c1", "c2", "c3");
  private static final long FLIGHT = 10;
  private static final long DRIFT_PPM = 10_000;
  private static final long GRACE = 450;
  private static final long RETRY = 150;
  private static final long EXTEND = 120;
  private static final long HOLD = 30;

  /** What survives a fail-over of the master: its epoch and the lease ends it granted. */
  private long epoch = 1;
  private final Map<String, Long> leaseEnd = new HashMap<>();
  /** Per session, the true time its latest lease from the master ends. */
  private final Map<String, Long> masterEnd = new HashMap<>();
  /** Per session, the last event it raised. */
  private final Map<String, String> lastEvent = new HashMap<>();
  private Simulation sim;

  @Override
  public void build(Simulation sim) {
    this.sim = sim;
    sim.addNode(CELL, Cell::new);
    for (String c : CLIENTS) {
      sim.addNode(c, () -> {
        lastEvent.remove(c);
        return new ChubbySession(CELL, FLIGHT, DRIFT_PPM, GRACE, RETRY, new Events(c));
      });
    }
  }

  @Override
  public SimConfig network() {
    return SimConfig.reliable().withDelay(Delay.uniform(1, FLIGHT));
  }

  @Override
  public Set<Op.Kind> operations() {
    return EnumSet.noneOf(Op.Kind.class);
  }

  @Override
  public String target() {
    return null;
  }

  @Override
  public Client.Protocol protocol() {
    return null;
  }

  @Override
  public String describe(String id, Node node) {
    if (node instanceof ChubbySession s) {
      return (s.valid() ? "valid" : "not valid") + "; last event "
          + lastEvent.getOrDefault(id, "(none)") + "; the master's lease for it ends at "
          + (masterEnd.containsKey(id) ? masterEnd.get(id) + " ms" : "(never granted)");
    }
    return node instanceof Cell ? "epoch " + epoch + ", lease ends (its clock) " + leaseEnd
        : "(down)";
  }

  @Override
  public CheckResult check(Simulation sim, List<Op> ops) {
    StringBuilder valid = new StringBuilder();
    for (String c : CLIENTS) {
      if (!sim.isUp(c) || !((ChubbySession) sim.node(c)).valid()) {
        continue;
      }
      long end = masterEnd.getOrDefault(c, Long.MIN_VALUE);
      String event = lastEvent.getOrDefault(c, "");
      if (end == Long.MIN_VALUE) {
        return violation(c + " is valid, but the master never granted it a lease.");
      } else if (sim.now() >= end) {
        return violation(c + " is valid at " + sim.now() + " ms, but the lease the master"
            + " granted it ended at " + end + " ms: the master may already have given its"
            + " locks to another client." + setBack(c));
      } else if (event.equals("jeopardy") || event.equals("expired")) {
        return violation(c + " is valid, but its last event was " + event + ": it must stop"
            + " using its cache and locks until a reply makes it safe again.");
      }
      valid.append(valid.length() == 0 ? "" : ", ").append(c);
    }
    return new CheckResult(CheckResult.Verdict.OK, Map.of(), (valid.length() == 0
        ? "no session is valid now" : "valid now: " + valid + ", each within the master's"
        + " lease"));
  }

  /** A session assumes a clock that drifts within the bound; a jump back is outside that. */
  private String setBack(String c) {
    long before = 0;
    for (Fault.Fired f : sim.fired()) {
      if (f.fault() instanceof Fault.Clock k && k.node().equals(c)) {
        if (k.offset() < before) {
          return " (skew set " + c + "'s clock back at " + f.time() + " ms: no lease survives a"
              + " clock that jumps back, so this one is the skew's doing)";
        }
        before = k.offset();
      }
    }
    return "";
  }

  private static CheckResult violation(String why) {
    return new CheckResult(CheckResult.Verdict.VIOLATION, Map.of(), why);
  }

  /** The application's side: notes each event in the timeline and keeps the last. */
  private final class Events implements ChubbySessionEvents {
    private final String id;

    Events(String id) {
      this.id = id;
    }

    private void event(String name) {
      lastEvent.put(id, name);
      sim.note(id, "event: " + name);
    }

    @Override
    public void jeopardy() {
      event("jeopardy");
    }

    @Override
    public void safe() {
      event("safe");
    }

    @Override
    public void expired() {
      event("expired");
    }
  }

  /**
   * The master as the brief states it: it answers a KeepAlive of the wrong epoch with a
   * rejection, and otherwise holds it until shortly before the session's lease ends. A restart
   * is a fail-over: a new epoch, and no lease ends before one the old master granted.
   */
  final class Cell implements Node {
    private Context ctx;
    private final Map<String, Long> held = new HashMap<>();
    private final Set<String> answered = new java.util.HashSet<>();

    @Override
    public void start(Context ctx) {
      this.ctx = ctx;
      if (sim.downSince(CELL) >= 0) {
        epoch++;
      }
    }

    @Override
    public void onMessage(String from, Object message) {
      if (!(message instanceof ChubbyKeepAlive k) || !CLIENTS.contains(from)) {
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
        held.put(from, ctx.setTimer(left - HOLD, from));
      }
    }

    private void answer(String client) {
      long lease = Math.max(EXTEND, leaseEnd.getOrDefault(client, 0L) - ctx.now());
      answered.add(client);
      leaseEnd.put(client, ctx.now() + lease);
      masterEnd.merge(client, sim.now() + lease, Math::max);
      ctx.send(client, new ChubbyKeepAliveReply(epoch, lease));
    }

    @Override
    public void onTimer(Object tag) {
      String client = (String) tag;
      if (held.remove(client) != null) {
        answer(client);
      }
    }
  }
}
