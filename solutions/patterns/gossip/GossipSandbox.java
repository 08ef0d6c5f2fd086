import dstutor.kit.Node;
import dstutor.sim.CheckResult;
import dstutor.sim.Client;
import dstutor.sim.Fault;
import dstutor.sim.Op;
import dstutor.sim.SandboxModel;
import dstutor.sim.Simulation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * `dstutor sandbox gossip`: five of your members, n1..n5, that start knowing only the seed n1,
 * gossiping every 50 ms with failAfter 400 ms, as in the suite. There is no client: crash,
 * partition, skew and tick, then `check` compares each live member's members() and down() with
 * the truth, once the last fault is older than failAfter plus ten rounds.
 */
public final class GossipSandbox implements SandboxModel {
  private static final List<String> NODES = List.of("n1", "n2", "n3", "n4", "n5");
  private static final long ROUND = 50;
  private static final long FAIL_AFTER = 8 * ROUND;
  /**
   * Time for the last news of a member to reach every other (with five members, a few rounds;
   * ten leave odds of a miss far below one in a million) and then for failAfter to pass.
   */
  private static final long SETTLE = FAIL_AFTER + 10 * ROUND;

  @Override
  public void build(Simulation sim) {
    for (String id : NODES) {
      sim.addNode(id, () -> new GossipNode(List.of("n1"), ROUND, FAIL_AFTER));
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
    if (!(node instanceof GossipMember m)) {
      return "(down)";
    }
    return "members " + new TreeSet<>(m.members()) + ", down " + new TreeSet<>(m.down());
  }

  @Override
  public CheckResult check(Simulation sim, List<Op> ops) {
    long settled = SETTLE;
    List<List<String>> cuts = new ArrayList<>();
    Map<String, Long> offset = new HashMap<>();
    for (Fault.Fired f : sim.fired()) {
      long wait = SETTLE;
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
    if (sim.now() <= settled) {
      return new CheckResult(CheckResult.Verdict.UNKNOWN, Map.of(), "the last change was less"
          + " than " + SETTLE + " ms ago (failAfter plus ten rounds for the news to spread):"
          + " tick " + (settled - sim.now() + 1) + "ms, then check");
    }
    boolean lossy = sim.config().drop() > 0;
    List<String> restarted = new ArrayList<>();
    for (String o : NODES) {
      if (!sim.isUp(o)) {
        continue;
      }
      GossipMember m = (GossipMember) sim.node(o);
      Set<String> members = m.members();
      Set<String> down = m.down();
      for (String p : NODES) {
        boolean live = sim.isUp(p) && together(cuts, o, p);
        if (p.equals(o)) {
          if (down.contains(o)) {
            return violation(o + " has itself down.");
          }
        } else if (live && sim.downSince(p) >= 0) {
          // A restarted member counts its heartbeat from zero again, so the others may keep it
          // down until the counter passes its old one: the exercise does not ask for more.
          if (!restarted.contains(p)) {
            restarted.add(p);
          }
        } else if (live && !members.contains(p)) {
          return violation(o + " does not know " + p + ", which is up and reachable: gossip"
              + " spreads membership to every member within a few rounds of " + ROUND + " ms.");
        } else if (live && down.contains(p) && !lossy) {
          return violation(o + " has " + p + " down, but " + p + " is up and reachable: news"
              + " of its heartbeat reaches " + o + " within a few rounds, far sooner than"
              + " failAfter (" + FAIL_AFTER + " ms).");
        } else if (!live && members.contains(p) && !down.contains(p)) {
          return violation(o + " does not have " + p + " down, though " + p + " has been "
              + (sim.isUp(p) ? "cut off" : "down") + " for more than " + SETTLE + " ms and its"
              + " heartbeat cannot have gone up since; failAfter is " + FAIL_AFTER + " ms.");
        }
      }
    }
    return new CheckResult(CheckResult.Verdict.OK, Map.of(), "every live member knows the"
        + " reachable ones and has down exactly those that are down or cut off"
        + (lossy ? " (or some live ones: messages are being lost)" : "")
        + (restarted.isEmpty() ? "" : "; " + String.join(", ", restarted) + " restarted, and"
        + " its counter starting again at zero is not judged"));
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
