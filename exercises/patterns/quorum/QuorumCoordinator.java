import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.List;

/**
 * The coordinator: turns each client Put into versioned Writes to every replica and answers once
 * W of them acknowledged; turns each Get into Reads and answers with the newest of the first R
 * answers. An operation that has not reached its quorum when its deadline passes fails.
 */
public final class QuorumCoordinator implements Node {
  private Context ctx;

  /**
   * @param replicas the N replicas of every key
   * @param r how many replicas must answer a read
   * @param w how many replicas must acknowledge a write
   * @param timeoutMillis how long an operation may wait for its quorum, on this node's clock
   * @throws IllegalArgumentException if replicas is empty, r or w is outside 1..N, or
   *     timeoutMillis < 1
   */
  public QuorumCoordinator(List<String> replicas, int r, int w, long timeoutMillis) {
    // TODO: check the arguments and keep them
    throw new UnsupportedOperationException("TODO: QuorumCoordinator constructor");
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void onMessage(String from, Object message) {
    // TODO: Put and Get from clients; WriteAck and ReadReply from replicas
    throw new UnsupportedOperationException("TODO: QuorumCoordinator.onMessage");
  }

  @Override
  public void onTimer(Object tag) {
    // TODO: an operation's deadline passed: if it has not reached its quorum, fail it
    throw new UnsupportedOperationException("TODO: QuorumCoordinator.onTimer");
  }
}
