import dstutor.kit.Node;
import dstutor.sim.CheckResult;
import dstutor.sim.Client;
import dstutor.sim.Delay;
import dstutor.sim.Fault;
import dstutor.sim.Op;
import dstutor.sim.SandboxModel;
import dstutor.sim.SimConfig;
import dstutor.sim.Simulation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `dstutor sandbox heartbeat`: five of your detectors, n1..n5, each watching the other four with
 * a 20 ms interval and a 100 ms timeout over a 1-15 ms network, as in the suite's main runs. There
 * is no client: crash, partition, skew and tick, then `check` compares each live node's
 * suspects() with the truth, once the last fault is older than the detection time.
 */
public final class HeartbeatSandbox implements SandboxModel {
  private static final List<String> NODES = List.of("n1", "n2", "n3", "n4", "n5");
  private static final long INTERVAL = 20;
  private static final long TIMEOUT = 100;
  private static final long MAX_DELAY = 15;
  /** The longest a peer's death or return can take to show: a timeout, an interval, a delay. */
  private static final long DETECTION = TIMEOUT + INTERVAL + MAX_DELAY;

  @Override
  public void build(Simulation sim) {
    for (String id : NODES) {
      List<String> peers = new ArrayList<>(NODES);
      peers.remove(id);
      sim.addNode(id, () -> new HeartbeatDetector(peers, INTERVAL, TIMEOUT));
    }
  }

  @Override
  public SimConfig network() {
    return SimConfig.reliable().withDelay(Delay.uniform(1, MAX_DELAY));
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
    return node == null ? "(down)" : "suspects " + ((FailureDetector) node).suspects();
  }

  @Override
  public CheckResult check(Simulation sim, List<Op> ops) {
    // Replay the faults so far: which partitions are in place, and when each node's view last
    // had a reason to change (a crash, a restart, a cut or heal, a clock jump).
    long settled = 0;
    List<List<String>> cuts = new ArrayList<>();
    Map<String, Long> offset = new HashMap<>();
    for (Fault.Fired f : sim.fired()) {
      long wait = DETECTION;
      if (f.fault() instanceof Fault.Partition p) {
        cuts.add(p.side());
      } else if (f.fault() instanceof Fault.Heal) {
        cuts.clear();
      } else if (f.fault() instanceof Fault.Clock c) {
        // A clock set back by s ms makes every silence look s ms shorter.
        long before = offset.getOrDefault(c.node(), 0L);
        offset.put(c.node(), c.offset());
        wait += Math.max(0, before - c.offset());
      }
      settled = Math.max(settled, f.time() + wait);
    }
    settled = Math.max(settled, DETECTION);
    if (sim.now() <= settled) {
      return new CheckResult(CheckResult.Verdict.UNKNOWN, Map.of(), "the last change was less"
          + " than " + DETECTION + " ms ago (timeout + interval + largest delay): tick "
          + (settled - sim.now() + 1) + "ms, then check");
    }
    boolean lossy = sim.config().drop() > 0;
    for (String o : NODES) {
      if (!sim.isUp(o)) {
        continue;
      }
      Set<String> suspects = ((FailureDetector) sim.node(o)).suspects();
      for (String p : NODES) {
        boolean heard = !p.equals(o) && sim.isUp(p) && together(cuts, o, p);
        if (p.equals(o) && suspects.contains(o)) {
          return violation(o + " suspects itself.");
        } else if (heard && suspects.contains(p) && !lossy) {
          return violation(o + " suspects " + p + ", which is up and reachable: its heartbeats"
              + " arrive every " + INTERVAL + " ms, well within the " + TIMEOUT + " ms timeout.");
        } else if (!heard && !p.equals(o) && !suspects.contains(p)) {
          return violation(o + " does not suspect " + p + ", from which nothing has arrived"
              + " for more than " + DETECTION + " ms (" + (sim.isUp(p) ? "partitioned" : "down")
              + "); the timeout is " + TIMEOUT + " ms.");
        }
      }
    }
    return new CheckResult(CheckResult.Verdict.OK, Map.of(), "every live node suspects exactly"
        + " the peers that are down or cut off" + (lossy ? " (or some live ones: messages are"
        + " being lost)" : ""));
  }

  /** Whether a and b are on the same side of every partition in place. */
  private static boolean together(List<List<String>> cuts, String a, String b) {
    for (List<String> side : cuts) {
      if (side.contains(a) != side.contains(b)) {
        return false;
      }
    }
    return true;
  }

  private static CheckResult violation(String why) {
    return new CheckResult(CheckResult.Verdict.VIOLATION, Map.of(), why);
  }
}
