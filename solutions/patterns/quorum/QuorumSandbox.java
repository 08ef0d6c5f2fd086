import dstutor.sim.CheckResult;
import dstutor.sim.Client;
import dstutor.sim.Op;
import dstutor.sim.SandboxModel;
import dstutor.sim.Simulation;
import dstutor.sim.StaleReadChecker;
import java.util.List;

/**
 * `dstutor sandbox quorum`: your coordinator and three of your replicas, n1..n3, with N = 3,
 * R = 2, W = 2 and a 100 ms deadline, as in the suite's main runs. The client talks to the
 * coordinator; `check` looks for stale reads, as the suite does.
 */
public final class QuorumSandbox implements SandboxModel {
  private static final List<String> REPLICAS = List.of("n1", "n2", "n3");

  @Override
  public void build(Simulation sim) {
    for (String id : REPLICAS) {
      sim.addNode(id, QuorumReplica::new);
    }
    sim.addNode("coord", () -> new QuorumCoordinator(REPLICAS, 2, 2, 100));
  }

  @Override
  public String target() {
    return "coord";
  }

  @Override
  public long timeoutMillis() {
    return 300;
  }

  @Override
  public CheckResult check(List<Op> ops) {
    return StaleReadChecker.check(ops);
  }

  @Override
  public Client.Protocol protocol() {
    return new Client.Protocol() {
      @Override
      public Object request(long id, Op.Kind kind, String key, String value) {
        return kind == Op.Kind.WRITE ? new QuorumProtocol.Put(id, key, value)
            : new QuorumProtocol.Get(id, key);
      }

      @Override
      public Client.Reply reply(Object m) {
        if (m instanceof QuorumProtocol.GetOk r) {
          return new Client.Reply(r.requestId(), Op.Status.OK, r.value(), "");
        } else if (m instanceof QuorumProtocol.GetFailed r) {
          return new Client.Reply(r.requestId(), Op.Status.FAIL, null, "GetFailed: "
              + r.reason());
        } else if (m instanceof QuorumProtocol.PutOk r) {
          return new Client.Reply(r.requestId(), Op.Status.OK, null, "");
        } else if (m instanceof QuorumProtocol.PutFailed r) {
          // A failed write may still have reached some replicas: its outcome is unknown.
          return new Client.Reply(r.requestId(), Op.Status.UNKNOWN, null, "PutFailed: "
              + r.reason());
        }
        return null;
      }
    };
  }
}
