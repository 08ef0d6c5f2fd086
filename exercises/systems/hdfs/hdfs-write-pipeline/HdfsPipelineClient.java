import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.List;

/**
 * The writing client of one block: streams packets through the pipeline with an ack queue,
 * recovers the pipeline when a DataNode fails, and reports the block to the NameNode. See
 * brief.md.
 */
public class HdfsPipelineClient implements Node {

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
    // TODO: check the arguments and keep your own copies.
    throw new UnsupportedOperationException("TODO: HdfsPipelineClient constructor");
  }

  @Override
  public void start(Context ctx) {
    // TODO: generation stamp 1; send the first packets (up to WINDOW) with their timers.
    throw new UnsupportedOperationException("TODO: HdfsPipelineClient.start");
  }

  @Override
  public void onMessage(String from, Object message) {
    // TODO: Ack (the head of the ack queue: done, or recover without badNode), RecoverOk.
    throw new UnsupportedOperationException("TODO: HdfsPipelineClient.onMessage");
  }

  @Override
  public void onTimer(Object tag) {
    // TODO: a packet not acked in time (blame the first node), a recovery not answered in time.
    throw new UnsupportedOperationException("TODO: HdfsPipelineClient.onTimer");
  }

  /** How many bytes of the block the pipeline has acknowledged so far. */
  public long ackedBytes() {
    // TODO
    throw new UnsupportedOperationException("TODO: HdfsPipelineClient.ackedBytes");
  }
}
