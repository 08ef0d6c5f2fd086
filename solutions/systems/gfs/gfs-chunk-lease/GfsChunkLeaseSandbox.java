import dstutor.kit.Context;
import dstutor.kit.Node;
import dstutor.sim.CheckResult;
import dstutor.sim.Client;
import dstutor.sim.Op;
import dstutor.sim.SandboxModel;
import dstutor.sim.Simulation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `dstutor sandbox gfs-chunk-lease`: your master m and three replicas r1..r3 played as the suite
 * plays them (a heartbeat every 25 ms, version and staleness kept across crashes, a lease counted
 * from the heartbeat's send), with a 200 ms lease, 50,000 ppm drift bound, aliveMillis 100 and
 * version 7 at the start. Mutations and clients are left out: there is no client. Crash,
 * partition, skew and tick, then `check` asks, in true time, that at most one replica acts as
 * primary, that none of them is stale, and that the master called no up-to-date replica stale.
 */
public final class GfsChunkLeaseSandbox implements SandboxModel {
  private static final String MASTER = "m";
  private static final List<String> REPLICAS = List.of("r1", "r2", "r3");
  private static final List<String> GIVEN_ORDER = List.of("r3", "r1", "r2");
  private static final long INITIAL_VERSION = 7;
  private static final long LEASE = 200;
  private static final long DRIFT_PPM = 50_000;
  private static final long ALIVE = 100;
  private static final long BUDGET = LEASE * (1_000_000 - DRIFT_PPM) / 1_000_000;
  private static final long HEARTBEAT = 25;

  /** What each replica keeps across crashes. */
  private final Map<String, Durable> disks = new HashMap<>();

  @Override
  public void build(Simulation sim) {
    sim.addNode(MASTER, () -> new GfsMaster(GIVEN_ORDER, INITIAL_VERSION, LEASE, DRIFT_PPM,
        ALIVE));
    for (String r : REPLICAS) {
      disks.put(r, new Durable());
      sim.addNode(r, () -> new Replica(disks.get(r)));
    }
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
    if (node instanceof Replica r) {
      return "version " + r.disk.version + (r.disk.stale ? ", stale" : "")
          + (r.acting() ? ", primary until " + r.deadline + " on its clock, secondaries "
          + r.secondaries : ", not primary");
    }
    return dstutor.sim.Sandbox.fields(node);
  }

  @Override
  public CheckResult check(Simulation sim, List<Op> ops) {
    if (sim.downSince(MASTER) >= 0) {
      return new CheckResult(CheckResult.Verdict.UNKNOWN, Map.of(), "m crashed: in this"
          + " exercise the master never fails (GFS keeps its state in an operation log), so the"
          + " run since says nothing about your code. Start again without crashing m.");
    }
    List<String> acting = new ArrayList<>();
    for (String r : REPLICAS) {
      Durable d = disks.get(r);
      if (d.wronglyStale >= 0) {
        return violation("m told " + r + " it is stale (GfsStale(" + d.wronglyStale + ")), but "
            + r + " held version " + d.wronglyStale + ", the newest: only a replica that missed"
            + " a version bump is stale.");
      }
      if (sim.isUp(r) && ((Replica) sim.node(r)).acting()) {
        acting.add(r);
      }
    }
    long newest = INITIAL_VERSION;
    for (Durable d : disks.values()) {
      newest = Math.max(newest, d.version);
    }
    for (String r : acting) {
      if (disks.get(r).version < newest) {
        return violation(r + " acts as primary with version " + disks.get(r).version + ", but"
            + " version " + newest + " was granted since: it missed a lease.");
      }
    }
    if (acting.size() > 1) {
      return violation(String.join(" and ", acting) + " act as primary at once: m granted a"
          + " lease before the old one had certainly expired.");
    }
    return new CheckResult(CheckResult.Verdict.OK, Map.of(), acting.isEmpty()
        ? "no replica acts as primary now" : acting.get(0) + " alone acts as primary, version "
        + newest);
  }

  private static CheckResult violation(String why) {
    return new CheckResult(CheckResult.Verdict.VIOLATION, Map.of(), why);
  }

  /** A replica's chunk version and whether it dropped out: kept across crashes. */
  static final class Durable {
    long version = INITIAL_VERSION;
    boolean stale;
    /** The version it held when m wrongly called it stale, or -1. */
    long wronglyStale = -1;

    @Override
    public String toString() {
      return "version " + version + (stale ? ", stale" : "");
    }
  }

  /** The suite's replica without mutations: heartbeats, versions, the lease and staleness. */
  static final class Replica implements Node {
    final Durable disk;
    Context ctx;
    long deadline = Long.MIN_VALUE;
    long leaseVersion = Long.MIN_VALUE;
    List<String> secondaries = List.of();

    Replica(Durable disk) {
      this.disk = disk;
    }

    @Override
    public void start(Context ctx) {
      this.ctx = ctx;
      heartbeat();
    }

    private void heartbeat() {
      ctx.send(MASTER, new GfsHeartbeat(ctx.now(), disk.version));
      ctx.setTimer(HEARTBEAT, "heartbeat");
    }

    boolean acting() {
      return !disk.stale && deadline != Long.MIN_VALUE && leaseVersion == disk.version
          && ctx.now() < deadline;
    }

    @Override
    public void onTimer(Object tag) {
      heartbeat();
    }

    @Override
    public void onMessage(String from, Object message) {
      if (from.equals(MASTER) && message instanceof GfsHeartbeatReply r) {
        if (r.version() > disk.version) {
          disk.version = r.version();
        }
        if (r.primary() && r.version() == disk.version) {
          leaseVersion = r.version();
          secondaries = r.secondaries();
          deadline = Math.max(deadline, r.sentAt() + BUDGET);
        } else if (r.version() > leaseVersion) {
          deadline = Long.MIN_VALUE;
        }
      } else if (from.equals(MASTER) && message instanceof GfsStale s && !disk.stale) {
        if (disk.version >= s.version()) {
          disk.wronglyStale = disk.version;
        }
        disk.stale = true;
        deadline = Long.MIN_VALUE;
      }
    }
  }
}
