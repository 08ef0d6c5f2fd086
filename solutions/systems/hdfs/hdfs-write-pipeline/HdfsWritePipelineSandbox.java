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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `dstutor sandbox hdfs-write-pipeline`: your client writing block 7, thirty packets of four
 * bytes with minReplicas 2, through your DataNodes dn1, dn2, dn3, on the suite's in-order 1-10 ms
 * network; nn (played here) only records how the write ended. The client starts at 100 ms, so
 * that a fault can be set up first; the write takes a few hundred ms: crash or cut off a
 * DataNode on the way (`tick 150ms`, `crash dn2`). `check` asks that every replica is a prefix of
 * the block, that every DataNode that never failed holds what was acknowledged, and, once the
 * write ended, that it ended as the brief says.
 */
public final class HdfsWritePipelineSandbox implements SandboxModel {
  private static final long BLOCK = 7;
  private static final List<String> DNS = List.of("dn1", "dn2", "dn3");
  private static final int MIN_REPLICAS = 2;
  private static final long CLIENT_START = 100;
  private static final List<String> PACKETS = packets();
  private static final String DATA = String.join("", PACKETS);

  /** The final messages nn received, each with what the check found then ("" if fine). */
  private final List<String> finals = new ArrayList<>();
  private String finalProblem = "";
  private Simulation sim;

  private static List<String> packets() {
    List<String> p = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      p.add(String.format("p%02d.", i));
    }
    return List.copyOf(p);
  }

  @Override
  public void build(Simulation sim) {
    this.sim = sim;
    sim.addNode(HdfsPipelineProtocol.NAMENODE, NameNode::new);
    for (String dn : DNS) {
      sim.addNode(dn, HdfsPipelineDataNode::new);
    }
    sim.addNode("client", () -> new HdfsPipelineClient(BLOCK, DNS, PACKETS, MIN_REPLICAS),
        CLIENT_START);
  }

  @Override
  public SimConfig network() {
    return SimConfig.reliable().withReorder(false).withDelay(Delay.uniform(1, 10));
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
    if (node instanceof HdfsPipelineDataNode d) {
      HdfsPipelineReplica r = d.replica(BLOCK);
      return r == null ? "no replica of block " + BLOCK : "stamp " + r.genStamp() + ", "
          + r.data().length() + " of " + DATA.length() + " bytes \"" + r.data() + "\"";
    } else if (node instanceof HdfsPipelineClient c) {
      return c.ackedBytes() + " of " + DATA.length() + " bytes acknowledged";
    }
    return node instanceof NameNode ? (finals.isEmpty() ? "no final message yet"
        : String.join("; ", finals)) : "(down)";
  }

  @Override
  public CheckResult check(Simulation sim, List<Op> ops) {
    if (sim.config().drop() > 0) {
      return unknown("messages are being lost, and the exercise's network loses none (it is"
          + " like TCP): start again without drop.");
    }
    for (Fault.Fired f : sim.fired()) {
      if (f.fault() instanceof Fault.Restart r) {
        return unknown(r.node() + " restarted: in this exercise a crashed node never returns."
            + " Start again without restart.");
      } else if (f.fault() instanceof Fault.Crash c && !DNS.contains(c.node())) {
        return unknown(c.node() + " crashed: the exercise's faults are the DataNodes'.");
      }
    }
    List<String> failed = failed();
    if (!finalProblem.isEmpty()) {
      return violation(finalProblem);
    }
    long acked = sim.isUp("client") && sim.node("client") instanceof HdfsPipelineClient c
        ? c.ackedBytes() : 0;
    for (String dn : DNS) {
      HdfsPipelineReplica r = sim.isUp(dn) ? ((HdfsPipelineDataNode) sim.node(dn))
          .replica(BLOCK) : null;
      String data = r == null ? "" : r.data();
      if (!DATA.startsWith(data)) {
        return violation(dn + " holds \"" + data + "\", which is not the start of the block:"
            + " a replica grows only by the next packet.");
      }
      if (!failed.contains(dn) && data.length() < acked) {
        return violation("the client has " + acked + " bytes acknowledged, but " + dn + ","
            + " which never failed, holds only " + data.length() + ": a DataNode acks only"
            + " after the nodes downstream did.");
      }
    }
    return new CheckResult(CheckResult.Verdict.OK, Map.of(), finals.isEmpty() ? "the write"
        + " is under way: " + acked + " of " + DATA.length() + " bytes acknowledged, every"
        + " replica a prefix of the block" : "the write ended as it should: " + finals.get(0));
  }

  /** The DataNodes that crashed or were cut off from the client so far. */
  private List<String> failed() {
    List<String> failed = new ArrayList<>();
    for (Fault.Fired f : sim.fired()) {
      for (String dn : DNS) {
        boolean cut = f.fault() instanceof Fault.Crash c && c.node().equals(dn)
            || f.fault() instanceof Fault.Partition p
            && p.side().contains(dn) != p.side().contains("client");
        if (cut && !failed.contains(dn)) {
          failed.add(dn);
        }
      }
    }
    return failed;
  }

  /** What the NameNode was told, judged at the moment it arrived. */
  private void ended(Object message) {
    List<String> healthy = new ArrayList<>(DNS);
    healthy.removeAll(failed());
    String problem = "";
    if (!finals.isEmpty()) {
      problem = "nn got a second final message, " + message + ", after " + finals.get(0)
          + ": a write ends once.";
    } else if (message instanceof HdfsPipelineProtocol.BlockComplete b) {
      if (b.length() != DATA.length()) {
        problem = "BlockComplete says " + b.length() + " bytes; the block has "
            + DATA.length() + ".";
      } else if (b.nodes().size() < MIN_REPLICAS) {
        problem = "BlockComplete on " + b.nodes() + ", fewer than minReplicas ("
            + MIN_REPLICAS + ") nodes.";
      }
      for (String dn : b.nodes()) {
        if (!sim.isUp(dn)) {
          continue; // crashed since the client sent this: what it held is gone
        }
        HdfsPipelineReplica r = ((HdfsPipelineDataNode) sim.node(dn)).replica(BLOCK);
        if (problem.isEmpty() && (r == null || r.genStamp() != b.genStamp()
            || !r.data().equals(DATA))) {
          problem = "BlockComplete lists " + dn + ", which holds " + (r == null ? "nothing"
              : "stamp " + r.genStamp() + " and " + r.data().length() + " bytes") + ", not the"
              + " whole block at stamp " + b.genStamp() + ".";
        }
      }
    } else if (message instanceof HdfsPipelineProtocol.BlockFailed f
        && healthy.size() >= MIN_REPLICAS) {
      problem = "the client gave up (" + f.reason() + ") although " + healthy + " never"
          + " failed: with minReplicas " + MIN_REPLICAS + " it should have recovered.";
    }
    finals.add(message + " at " + sim.now() + " ms");
    if (finalProblem.isEmpty()) {
      finalProblem = problem;
    }
  }

  private static CheckResult violation(String why) {
    return new CheckResult(CheckResult.Verdict.VIOLATION, Map.of(), why);
  }

  private static CheckResult unknown(String why) {
    return new CheckResult(CheckResult.Verdict.UNKNOWN, Map.of(), why);
  }

  /** The NameNode: it only hears how the write ended. */
  final class NameNode implements Node {
    @Override
    public void start(Context ctx) {}

    @Override
    public void onMessage(String from, Object message) {
      if (message instanceof HdfsPipelineProtocol.BlockComplete
          || message instanceof HdfsPipelineProtocol.BlockFailed) {
        ended(message);
      }
    }

    @Override
    public void onTimer(Object tag) {}
  }
}
