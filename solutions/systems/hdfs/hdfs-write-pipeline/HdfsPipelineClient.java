import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The writing client of one block: streams packets through the pipeline with an ack queue,
 * recovers the pipeline when a DataNode fails, and reports the block to the NameNode. See
 * brief.md.
 */
public class HdfsPipelineClient implements Node {
  private final long blockId;
  private final List<String> pipeline;
  private final List<String> packets;
  private final long[] offsets;
  private final int minReplicas;
  private Context ctx;
  private long stamp;
  private long acked;
  /** Seqnos sent and not acknowledged, oldest first. */
  private final Deque<Integer> ackQueue = new ArrayDeque<>();
  /** Seqnos to send, in order. */
  private final Deque<Integer> dataQueue = new ArrayDeque<>();
  private boolean recovering;
  private final Set<String> waiting = new HashSet<>();
  private boolean done;

  private record PacketTimeout(long stamp, int seqno) {}

  private record RecoveryTimeout(long stamp) {}

  /**
   * @param blockId the block being written
   * @param pipeline the DataNodes, in pipeline order
   * @param packets the block's data, one string per packet, in order
   * @param minReplicas the fewest DataNodes the block may complete on
   * @throws IllegalArgumentException if the pipeline is empty or names a node twice, or
   *     minReplicas is not between 1 and the pipeline's size
   */
  public HdfsPipelineClient(long blockId, List<String> pipeline, List<String> packets,
      int minReplicas) {
    if (pipeline.isEmpty()) {
      throw new IllegalArgumentException("empty pipeline");
    }
    if (new LinkedHashSet<>(pipeline).size() != pipeline.size()) {
      throw new IllegalArgumentException("a node twice in " + pipeline);
    }
    if (minReplicas < 1 || minReplicas > pipeline.size()) {
      throw new IllegalArgumentException("minReplicas " + minReplicas + " outside 1.."
          + pipeline.size());
    }
    this.blockId = blockId;
    this.pipeline = new ArrayList<>(pipeline);
    this.packets = List.copyOf(packets);
    this.minReplicas = minReplicas;
    this.offsets = new long[this.packets.size()];
    long offset = 0;
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = offset;
      offset += this.packets.get(i).length();
    }
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
    stamp = 1;
    for (int i = 0; i < packets.size(); i++) {
      dataQueue.add(i);
    }
    stream();
  }

  @Override
  public void onMessage(String from, Object message) {
    if (done) {
      return;
    }
    if (message instanceof HdfsPipelineProtocol.Ack a) {
      if (recovering || a.blockId() != blockId || a.genStamp() != stamp || ackQueue.isEmpty()
          || ackQueue.peekFirst() != a.seqno()) {
        return;
      }
      if (a.badNode() != null) {
        recover(a.badNode());
        return;
      }
      int seqno = ackQueue.removeFirst();
      acked += packets.get(seqno).length();
      stream();
    } else if (message instanceof HdfsPipelineProtocol.RecoverOk ok) {
      if (!recovering || ok.blockId() != blockId || ok.genStamp() != stamp) {
        return;
      }
      waiting.remove(from);
      if (waiting.isEmpty()) {
        recovering = false;
        stream();
      }
    }
  }

  @Override
  public void onTimer(Object tag) {
    if (done) {
      return;
    }
    if (tag instanceof PacketTimeout t) {
      if (!recovering && t.stamp() == stamp && !ackQueue.isEmpty()
          && ackQueue.peekFirst() == t.seqno()) {
        recover(pipeline.get(0));
      }
    } else if (tag instanceof RecoveryTimeout t) {
      if (recovering && t.stamp() == stamp) {
        for (String n : pipeline) {
          if (waiting.contains(n)) {
            recover(n);
            return;
          }
        }
      }
    }
  }

  /** How many bytes of the block the pipeline has acknowledged so far. */
  public long ackedBytes() {
    return acked;
  }

  /** Sends unsent packets while the window has room; completes the block when all are acked. */
  private void stream() {
    while (ackQueue.size() < HdfsPipelineProtocol.WINDOW && !dataQueue.isEmpty()) {
      int seqno = dataQueue.removeFirst();
      ctx.send(pipeline.get(0), new HdfsPipelineProtocol.Packet(blockId, stamp, seqno,
          offsets[seqno], packets.get(seqno), pipeline.subList(1, pipeline.size())));
      ackQueue.addLast(seqno);
      ctx.setTimer(pipeline.size() * HdfsPipelineProtocol.HOP_TIMEOUT,
          new PacketTimeout(stamp, seqno));
    }
    if (ackQueue.isEmpty() && dataQueue.isEmpty()) {
      done = true;
      ctx.send(HdfsPipelineProtocol.NAMENODE,
          new HdfsPipelineProtocol.BlockComplete(blockId, stamp, acked, pipeline));
    }
  }

  private void recover(String bad) {
    pipeline.remove(bad);
    if (pipeline.size() < minReplicas) {
      done = true;
      ctx.send(HdfsPipelineProtocol.NAMENODE, new HdfsPipelineProtocol.BlockFailed(blockId,
          "only " + pipeline + " left after losing " + bad + "; " + minReplicas + " needed"));
      return;
    }
    stamp++;
    while (!ackQueue.isEmpty()) {
      dataQueue.addFirst(ackQueue.removeLast());
    }
    recovering = true;
    waiting.clear();
    waiting.addAll(pipeline);
    for (String n : pipeline) {
      ctx.send(n, new HdfsPipelineProtocol.Recover(blockId, stamp, acked));
    }
    ctx.setTimer(HdfsPipelineProtocol.RECOVERY_TIMEOUT, new RecoveryTimeout(stamp));
  }
}
