import dstutor.kit.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A heartbeat failure detector: every intervalMillis, tell every peer "I am alive"; suspect a
 * peer you have not heard from for longer than timeoutMillis; stop suspecting it when it is heard
 * from again.
 */
public final class HeartbeatDetector implements FailureDetector {
  /** The heartbeat itself carries nothing: the arrival is the news. */
  record Heartbeat() {}

  private static final String TICK = "tick";

  private final List<String> peers;
  private final long intervalMillis;
  private final long timeoutMillis;
  /** When each peer was last heard from, on this node's clock. */
  private final Map<String, Long> lastHeard = new HashMap<>();
  /** Once suspected, always suspected. */
  private final Set<String> suspected = new TreeSet<>();
  private Context ctx;

  /**
   * @param peers the other nodes to watch (never this node)
   * @param intervalMillis how often to send heartbeats, on this node's clock
   * @param timeoutMillis how long a peer may stay silent before it is suspected
   * @throws IllegalArgumentException if intervalMillis < 1 or timeoutMillis <= intervalMillis
   */
  public HeartbeatDetector(List<String> peers, long intervalMillis, long timeoutMillis) {
    if (intervalMillis < 1) {
      throw new IllegalArgumentException("intervalMillis < 1: " + intervalMillis);
    }
    if (timeoutMillis <= intervalMillis) {
      throw new IllegalArgumentException("a timeout of " + timeoutMillis + " ms is not longer "
          + "than the heartbeat interval of " + intervalMillis + " ms: every peer would be "
          + "suspected between two heartbeats");
    }
    this.peers = List.copyOf(peers);
    this.intervalMillis = intervalMillis;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
    // A peer we have never heard from gets the same grace as one we just heard from.
    long now = ctx.now();
    for (String p : peers) {
      lastHeard.put(p, now);
    }
    beat();
  }

  private void beat() {
    for (String p : peers) {
      ctx.send(p, new Heartbeat());
    }
    ctx.setTimer(intervalMillis, TICK);
  }

  @Override
  public void onMessage(String from, Object message) {
    if (message instanceof Heartbeat && lastHeard.containsKey(from)) {
      lastHeard.put(from, ctx.now()); // our clock, not the sender's
    }
  }

  @Override
  public void onTimer(Object tag) {
    beat();
  }

  @Override
  public Set<String> suspects() {
    long now = ctx.now();
    for (Map.Entry<String, Long> e : lastHeard.entrySet()) {
      if (now - e.getValue() > timeoutMillis) {
        suspected.add(e.getKey());
      }
    }
    return new TreeSet<>(suspected);
  }
}
