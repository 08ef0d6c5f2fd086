import dstutor.kit.Context;
import java.util.List;
import java.util.Set;

/**
 * A heartbeat failure detector: every intervalMillis, tell every peer "I am alive"; suspect a
 * peer you have not heard from for longer than timeoutMillis; stop suspecting it when it is heard
 * from again.
 */
public final class HeartbeatDetector implements FailureDetector {
  private Context ctx;

  /**
   * @param peers the other nodes to watch (never this node)
   * @param intervalMillis how often to send heartbeats, on this node's clock
   * @param timeoutMillis how long a peer may stay silent before it is suspected
   * @throws IllegalArgumentException if intervalMillis < 1 or timeoutMillis <= intervalMillis
   */
  public HeartbeatDetector(List<String> peers, long intervalMillis, long timeoutMillis) {
    // TODO: check the arguments and keep them
    throw new UnsupportedOperationException("TODO: HeartbeatDetector constructor");
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
    // TODO: start sending heartbeats, and start the clock on every peer
    throw new UnsupportedOperationException("TODO: HeartbeatDetector.start");
  }

  @Override
  public void onMessage(String from, Object message) {
    // TODO: a heartbeat from a peer
    throw new UnsupportedOperationException("TODO: HeartbeatDetector.onMessage");
  }

  @Override
  public void onTimer(Object tag) {
    // TODO: time to send the next heartbeats
    throw new UnsupportedOperationException("TODO: HeartbeatDetector.onTimer");
  }

  @Override
  public Set<String> suspects() {
    // TODO: the peers not heard from for longer than the timeout
    throw new UnsupportedOperationException("TODO: HeartbeatDetector.suspects");
  }
}
