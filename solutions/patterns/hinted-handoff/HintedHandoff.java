import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A coordinator's hinted handoff: a write to a key's replicas that cannot reach a down replica
 * keeps a hint for it, counts the hint towards the write's quorum (a sloppy quorum), and hands
 * the write over when the replica is back. Time is the {@code now} you are given, in
 * milliseconds; never read a clock of your own.
 */
public final class HintedHandoff {
  private record Hint(byte[] value, long version) {}

  private final long windowMillis;
  /** Replica name -> key -> the newest hint for that key. */
  private final Map<String, Map<String, Hint>> hints = new LinkedHashMap<>();
  /** Replica name -> the replica, to deliver its hints to. */
  private final Map<String, HandoffReplica> replicasByName = new HashMap<>();
  /** Replica name -> when its first failed delivery since its last good one happened. */
  private final Map<String, Long> downSince = new HashMap<>();
  private int pending;

  public HintedHandoff(long windowMillis) {
    if (windowMillis < 0) {
      throw new IllegalArgumentException("windowMillis < 0: " + windowMillis);
    }
    this.windowMillis = windowMillis;
  }

  public boolean write(String key, byte[] value, long version, List<HandoffReplica> replicas,
      int w, long now) {
    if (replicas.isEmpty() || w < 1 || w > replicas.size()) {
      throw new IllegalArgumentException("w = " + w + " with " + replicas.size() + " replicas");
    }
    byte[] copy = value.clone();
    int acks = 0;
    for (HandoffReplica replica : replicas) {
      if (deliver(replica, key, copy, version, now)) {
        acks++;
      } else if (now - downSince.get(replica.name()) <= windowMillis) {
        hint(replica, key, copy, version);
        acks++;
      }
    }
    return acks >= w;
  }

  public int replay(long now) {
    int delivered = 0;
    for (Iterator<Map.Entry<String, Map<String, Hint>>> targets = hints.entrySet().iterator();
        targets.hasNext(); ) {
      Map.Entry<String, Map<String, Hint>> target = targets.next();
      HandoffReplica replica = replicasByName.get(target.getKey());
      for (Iterator<Map.Entry<String, Hint>> it = target.getValue().entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<String, Hint> e = it.next();
        Hint h = e.getValue();
        if (!deliver(replica, e.getKey(), h.value(), h.version(), now)) {
          break; // still down: keep this hint and the rest for the next replay
        }
        it.remove();
        pending--;
        delivered++;
      }
      if (target.getValue().isEmpty()) {
        targets.remove();
      }
    }
    return delivered;
  }

  public int pendingHints() {
    return pending;
  }

  public int pendingHints(String replica) {
    Map<String, Hint> forReplica = hints.get(replica);
    return forReplica == null ? 0 : forReplica.size();
  }

  private boolean deliver(HandoffReplica replica, String key, byte[] value, long version,
      long now) {
    if (replica.deliver(key, value, version)) {
      downSince.remove(replica.name());
      return true;
    }
    downSince.putIfAbsent(replica.name(), now);
    return false;
  }

  private void hint(HandoffReplica replica, String key, byte[] value, long version) {
    replicasByName.put(replica.name(), replica);
    Map<String, Hint> forReplica =
        hints.computeIfAbsent(replica.name(), n -> new LinkedHashMap<>());
    Hint old = forReplica.get(key);
    if (old == null) {
      pending++;
      forReplica.put(key, new Hint(value, version));
    } else if (version > old.version()) {
      forReplica.put(key, new Hint(value, version));
    }
  }
}
