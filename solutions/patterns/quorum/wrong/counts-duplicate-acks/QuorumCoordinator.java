import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The coordinator: turns each client Put into versioned Writes to every replica and answers once
 * W of them acknowledged; turns each Get into Reads and answers with the newest of the first R
 * answers. An operation that has not reached its quorum when its deadline passes fails.
 */
public final class QuorumCoordinator implements Node {
  /** One client operation waiting for its quorum. */
  private static final class Pending {
    final String client;
    final long requestId;
    final boolean write;
    final List<String> answered = new ArrayList<>(); // every answer, duplicates too
    QuorumProtocol.Versioned newest;
    long timer;

    Pending(String client, long requestId, boolean write) {
      this.client = client;
      this.requestId = requestId;
      this.write = write;
    }
  }

  private final List<String> replicas;
  private final int r;
  private final int w;
  private final long timeoutMillis;
  private final Map<String, Long> versions = new HashMap<>();
  private final Map<Long, Pending> pending = new HashMap<>();
  private Context ctx;
  private long nextOp;

  /**
   * @param replicas the N replicas of every key
   * @param r how many replicas must answer a read
   * @param w how many replicas must acknowledge a write
   * @param timeoutMillis how long an operation may wait for its quorum, on this node's clock
   * @throws IllegalArgumentException if replicas is empty, r or w is outside 1..N, or
   *     timeoutMillis < 1
   */
  public QuorumCoordinator(List<String> replicas, int r, int w, long timeoutMillis) {
    if (replicas == null || replicas.isEmpty()) {
      throw new IllegalArgumentException("no replicas");
    }
    int n = replicas.size();
    if (r < 1 || r > n || w < 1 || w > n) {
      throw new IllegalArgumentException("R and W must be in 1.." + n + ": R=" + r + ", W=" + w);
    }
    if (timeoutMillis < 1) {
      throw new IllegalArgumentException("timeoutMillis < 1: " + timeoutMillis);
    }
    this.replicas = List.copyOf(replicas);
    this.r = r;
    this.w = w;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void onMessage(String from, Object message) {
    if (message instanceof QuorumProtocol.Put p) {
      // This coordinator never crashes here, so a counter per key orders the writes.
      long version = versions.merge(p.key(), 1L, Long::sum);
      long op = begin(from, p.requestId(), true);
      QuorumProtocol.Versioned v = new QuorumProtocol.Versioned(p.value(), version);
      for (String replica : replicas) {
        ctx.send(replica, new QuorumProtocol.Write(op, p.key(), v));
      }
    } else if (message instanceof QuorumProtocol.Get g) {
      long op = begin(from, g.requestId(), false);
      for (String replica : replicas) {
        ctx.send(replica, new QuorumProtocol.Read(op, g.key()));
      }
    } else if (message instanceof QuorumProtocol.WriteAck a) {
      Pending op = answer(a.opId(), from);
      if (op != null && op.answered.size() >= w) {
        finish(a.opId(), new QuorumProtocol.PutOk(op.requestId));
      }
    } else if (message instanceof QuorumProtocol.ReadReply rr) {
      Pending op = answer(rr.opId(), from);
      if (op == null) {
        return;
      }
      QuorumProtocol.Versioned v = rr.versioned();
      if (v != null && (op.newest == null || v.version() > op.newest.version())) {
        op.newest = v;
      }
      if (op.answered.size() >= r) {
        String value = op.newest == null ? null : op.newest.value();
        finish(rr.opId(), new QuorumProtocol.GetOk(op.requestId, value));
      }
    }
  }

  private long begin(String client, long requestId, boolean write) {
    long op = ++nextOp;
    Pending p = new Pending(client, requestId, write);
    p.timer = ctx.setTimer(timeoutMillis, op);
    pending.put(op, p);
    return op;
  }

  /** Counts an answer from a replica, once per replica; null if the op is already over. */
  private Pending answer(long opId, String replica) {
    Pending op = pending.get(opId);
    if (op == null || !replicas.contains(replica)) {
      return null;
    }
    op.answered.add(replica);
    return op;
  }

  private void finish(long opId, Object reply) {
    Pending op = pending.remove(opId);
    ctx.cancelTimer(op.timer);
    ctx.send(op.client, reply);
  }

  @Override
  public void onTimer(Object tag) {
    Pending op = pending.remove((Long) tag);
    if (op == null) {
      return;
    }
    String why = op.answered.size() + " of " + replicas.size() + " replicas answered by the "
        + "deadline";
    ctx.send(op.client, op.write ? new QuorumProtocol.PutFailed(op.requestId, why)
        : new QuorumProtocol.GetFailed(op.requestId, why));
  }
}
