import dstutor.sim.CheckResult;
import dstutor.sim.Client;
import dstutor.sim.LinearizabilityChecker;
import dstutor.sim.Op;
import dstutor.sim.SandboxModel;
import dstutor.sim.Simulation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * `dstutor sandbox leader-follower`: three of your replicas, n1..n3, with n1 the leader and an
 * Append at least every 20 ms, each applying to a plain map, as in the suite's main runs. The
 * client sends put and get to the leader and waits up to 200 ms; `check` runs the suite's
 * linearizability checker on what the client saw.
 */
public final class LeaderFollowerSandbox implements SandboxModel {
  private static final List<String> REPLICAS = List.of("n1", "n2", "n3");
  private static final String LEADER = "n1";
  private static final long INTERVAL = 20;

  @Override
  public void build(Simulation sim) {
    for (String id : REPLICAS) {
      sim.addNode(id, () -> new ReplicatedKvNode(REPLICAS, LEADER, INTERVAL, new MapStore()));
    }
  }

  @Override
  public String target() {
    return LEADER;
  }

  @Override
  public long timeoutMillis() {
    return 200;
  }

  @Override
  public CheckResult check(Simulation sim, List<Op> ops) {
    if (sim.downSince(LEADER) >= 0) {
      // The exercise's leader never crashes (electing a new one is another exercise), and it
      // keeps its log in memory: after a crash, its answers say nothing about your code.
      return new CheckResult(CheckResult.Verdict.UNKNOWN, Map.of(), LEADER + ", the leader,"
          + " crashed: in this exercise the leader never fails and keeps its log in memory, so"
          + " the history since says nothing about your code. Start again without crashing "
          + LEADER + ".");
    }
    return new LinearizabilityChecker().check(ops);
  }

  @Override
  public Client.Protocol protocol() {
    return new Client.Protocol() {
      @Override
      public Object request(long id, Op.Kind kind, String key, String value) {
        return kind == Op.Kind.WRITE ? new LeaderFollowerProtocol.Put(id, key, value)
            : new LeaderFollowerProtocol.Get(id, key);
      }

      @Override
      public Client.Reply reply(Object m) {
        if (m instanceof LeaderFollowerProtocol.GetOk r) {
          return new Client.Reply(r.requestId(), Op.Status.OK, r.value(), "");
        } else if (m instanceof LeaderFollowerProtocol.PutOk r) {
          return new Client.Reply(r.requestId(), Op.Status.OK, null, "");
        } else if (m instanceof LeaderFollowerProtocol.Redirect r) {
          // A redirect does nothing: the leader itself should never send one.
          return new Client.Reply(r.requestId(), Op.Status.FAIL, null, "Redirect to "
              + r.leader());
        }
        return null;
      }
    };
  }

  /** The store the suite gives each replica: a map, fresh at each start. */
  static final class MapStore implements KvStateMachine {
    private final Map<String, String> values = new HashMap<>();

    @Override
    public void apply(LeaderFollowerProtocol.Entry entry) {
      values.put(entry.key(), entry.value());
    }

    @Override
    public String get(String key) {
      return values.get(key);
    }

    @Override
    public String toString() {
      return values.toString();
    }
  }
}
