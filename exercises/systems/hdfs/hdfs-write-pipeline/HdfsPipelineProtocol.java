import java.util.List;

/**
 * The messages of the write pipeline and its timing constants, shared by the client, the
 * DataNodes and the NameNode. Given: do not edit. See brief.md for who sends what, and when.
 */
public final class HdfsPipelineProtocol {
  private HdfsPipelineProtocol() {}

  /** The NameNode's node id: the client reports the end of the block to it. */
  public static final String NAMENODE = "nn";
  /** At most this many packets are sent and not yet acknowledged at once. */
  public static final int WINDOW = 4;
  /**
   * Per node downstream: a sender with k nodes after it in the pipeline waits k * HOP_TIMEOUT ms
   * for the ack of a packet it sent. The client counts the whole pipeline.
   */
  public static final long HOP_TIMEOUT = 50;
  /** The client waits this long for every RecoverOk of one recovery. */
  public static final long RECOVERY_TIMEOUT = 100;

  /**
   * A packet of the block: {@code data} goes at byte {@code offset} of the replica. {@code
   * targets} are the nodes after the receiver, in pipeline order (empty for the last one).
   */
  public record Packet(long blockId, long genStamp, long seqno, long offset, String data,
      List<String> targets) {
    public Packet {
      targets = List.copyOf(targets);
    }
  }

  /**
   * The ack of packet {@code seqno}, sent upstream to the node the packet came from. {@code
   * badNode} is null when the sender and every node after it stored the packet; otherwise it
   * names the node that did not answer in time.
   */
  public record Ack(long blockId, long genStamp, long seqno, String badNode) {}

  /**
   * Client to each surviving DataNode: adopt generation stamp {@code newGenStamp} and keep only
   * the first {@code ackedLength} bytes of the replica.
   */
  public record Recover(long blockId, long newGenStamp, long ackedLength) {}

  /** DataNode to client: done; the replica now has {@code genStamp} and {@code length} bytes. */
  public record RecoverOk(long blockId, long genStamp, long length) {}

  /** Client to NameNode: the block is written, with this stamp and length, on these nodes. */
  public record BlockComplete(long blockId, long genStamp, long length, List<String> nodes) {
    public BlockComplete {
      nodes = List.copyOf(nodes);
    }
  }

  /** Client to NameNode: fewer than the minimum replicas remain; the write failed. */
  public record BlockFailed(long blockId, String reason) {}
}
