import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.List;

/**
 * A Dynamo coordinator: runs each client Put and Get over the key's preference list with a
 * sloppy quorum. A request starts on the key's N home nodes; every STEP_MILLIS, each slot whose
 * nodes are all silent moves on to the next unused node of the list (a Put's Store then carries
 * a hint naming the slot's home). A Put succeeds once W slots acknowledged, a Get once R slots
 * answered; at DEADLINE_MILLIS without a quorum the request fails.
 */
public final class DynamoCoordinator implements Node {
  private Context ctx;

  /**
   * @param ring the storage nodes in ring order
   * @param n how many home nodes each key has
   * @param r how many slots must answer a Get
   * @param w how many slots must acknowledge a Put
   * @throws IllegalArgumentException if ring is empty or repeats a node, n is outside
   *     1..ring.size(), or r or w is outside 1..n
   */
  public DynamoCoordinator(List<String> ring, int n, int r, int w) {
    // TODO: check the arguments and keep them (your own copy of the ring)
    throw new UnsupportedOperationException("TODO: DynamoCoordinator constructor");
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void onMessage(String from, Object message) {
    // TODO: Put and Get from clients; Stored and Fetched from storage nodes
    throw new UnsupportedOperationException("TODO: DynamoCoordinator.onMessage");
  }

  @Override
  public void onTimer(Object tag) {
    // TODO: a request's step (move silent slots to stand-ins) or its deadline
    throw new UnsupportedOperationException("TODO: DynamoCoordinator.onTimer");
  }
}
