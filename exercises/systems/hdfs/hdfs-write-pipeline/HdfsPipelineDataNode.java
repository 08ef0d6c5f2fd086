import dstutor.kit.Context;
import dstutor.kit.Node;

/**
 * A DataNode of the write pipeline: stores each packet, forwards it downstream, acks upstream,
 * reports a silent downstream node, and takes part in pipeline recovery. See brief.md.
 */
public class HdfsPipelineDataNode implements Node {

  public HdfsPipelineDataNode() {
    // TODO: nothing to do here, probably.
  }

  @Override
  public void start(Context ctx) {
    // TODO: keep ctx.
    throw new UnsupportedOperationException("TODO: HdfsPipelineDataNode.start");
  }

  @Override
  public void onMessage(String from, Object message) {
    // TODO: Packet (store if it is the next one at the replica's stamp, forward, ack or wait),
    // Ack (pass it upstream), Recover (truncate, adopt the new stamp, answer RecoverOk).
    throw new UnsupportedOperationException("TODO: HdfsPipelineDataNode.onMessage");
  }

  @Override
  public void onTimer(Object tag) {
    // TODO: a forwarded packet not acked in time: report the downstream node upstream.
    throw new UnsupportedOperationException("TODO: HdfsPipelineDataNode.onTimer");
  }

  /** This node's replica of block {@code blockId}, or null if it holds none. */
  public HdfsPipelineReplica replica(long blockId) {
    // TODO: the replica's generation stamp and bytes as they are now.
    throw new UnsupportedOperationException("TODO: HdfsPipelineDataNode.replica");
  }
}
