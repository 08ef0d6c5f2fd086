import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.HashMap;
import java.util.Map;

/**
 * A DataNode of the write pipeline: stores each packet, forwards it downstream, acks upstream,
 * reports a silent downstream node, and takes part in pipeline recovery. See brief.md.
 */
public class HdfsPipelineDataNode implements Node {
  private Context ctx;
  private final Map<Long, Replica> replicas = new HashMap<>();

  /** One block's replica and the packets forwarded and not yet answered upstream. */
  private static final class Replica {
    long stamp;
    final StringBuilder data = new StringBuilder();
    final Map<Long, Waiting> waiting = new HashMap<>();

    Replica(long stamp) {
      this.stamp = stamp;
    }
  }

  private record Waiting(String upstream, String downstream, long timer) {}

  private record AckTimeout(long blockId, long stamp, long seqno) {}

  public HdfsPipelineDataNode() {}

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void onMessage(String from, Object message) {
    if (message instanceof HdfsPipelineProtocol.Packet p) {
      Replica r = replicas.computeIfAbsent(p.blockId(), id -> new Replica(p.genStamp()));
      if (p.genStamp() != r.stamp || p.offset() != r.data.length()) {
        return;
      }
      r.data.append(p.data());
      if (p.targets().isEmpty()) {
        ctx.send(from, new HdfsPipelineProtocol.Ack(p.blockId(), r.stamp, p.seqno(), null));
        return;
      }
      String down = p.targets().get(0);
      ctx.send(down, new HdfsPipelineProtocol.Packet(p.blockId(), p.genStamp(), p.seqno(),
          p.offset(), p.data(), p.targets().subList(1, p.targets().size())));
      long timer = ctx.setTimer(p.targets().size() * HdfsPipelineProtocol.HOP_TIMEOUT,
          new AckTimeout(p.blockId(), r.stamp, p.seqno()));
      r.waiting.put(p.seqno(), new Waiting(from, down, timer));
    } else if (message instanceof HdfsPipelineProtocol.Ack a) {
      Replica r = replicas.get(a.blockId());
      if (r == null || a.genStamp() != r.stamp) {
        return;
      }
      Waiting w = r.waiting.get(a.seqno());
      if (w == null || !w.downstream().equals(from)) {
        return;
      }
      r.waiting.remove(a.seqno());
      ctx.cancelTimer(w.timer());
      ctx.send(w.upstream(), new HdfsPipelineProtocol.Ack(a.blockId(), r.stamp, a.seqno(),
          a.badNode()));
    } else if (message instanceof HdfsPipelineProtocol.Recover rec) {
      Replica r = replicas.get(rec.blockId());
      if (r == null) {
        r = new Replica(rec.newGenStamp());
        replicas.put(rec.blockId(), r);
      } else if (rec.newGenStamp() > r.stamp) {
        if (r.data.length() > rec.ackedLength()) {
          r.data.setLength((int) rec.ackedLength());
        }
        r.stamp = rec.newGenStamp();
        for (Waiting w : r.waiting.values()) {
          ctx.cancelTimer(w.timer());
        }
        r.waiting.clear();
      } else if (rec.newGenStamp() < r.stamp) {
        return;
      }
      ctx.send(from, new HdfsPipelineProtocol.RecoverOk(rec.blockId(), r.stamp,
          r.data.length()));
    }
  }

  @Override
  public void onTimer(Object tag) {
    if (!(tag instanceof AckTimeout t)) {
      return;
    }
    Replica r = replicas.get(t.blockId());
    if (r == null || r.stamp != t.stamp()) {
      return;
    }
    Waiting w = r.waiting.remove(t.seqno());
    if (w != null) {
      ctx.send(w.upstream(), new HdfsPipelineProtocol.Ack(t.blockId(), r.stamp, t.seqno(),
          w.downstream()));
    }
  }

  /** This node's replica of block {@code blockId}, or null if it holds none. */
  public HdfsPipelineReplica replica(long blockId) {
    Replica r = replicas.get(blockId);
    return r == null ? null : new HdfsPipelineReplica(r.stamp, r.data.toString());
  }
}
