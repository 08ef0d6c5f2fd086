import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A storage node's durable store (read-only): what you put here survives a crash and is handed
 * to the node's next incarnation; everything in your own fields is lost. Two parts, as in
 * Dynamo: the data (per key, the versions the node holds as a home node) and, separately, the
 * hints it keeps for other nodes. Every method copies what it takes and what it returns.
 */
public final class DynamoStore {
  private final Map<String, List<DynamoProtocol.Version>> data = new HashMap<>();
  private final Set<DynamoProtocol.Hint> hints = new LinkedHashSet<>();

  /** The versions of {@code key} held as data, in the order they were set; empty if none. */
  public List<DynamoProtocol.Version> versions(String key) {
    return List.copyOf(data.getOrDefault(key, List.of()));
  }

  /** Replaces the versions of {@code key}; an empty list removes the key. */
  public void setVersions(String key, List<DynamoProtocol.Version> versions) {
    if (versions.isEmpty()) {
      data.remove(key);
    } else {
      data.put(key, List.copyOf(versions));
    }
  }

  /** The keys that have versions, sorted. */
  public Set<String> keys() {
    return new TreeSet<>(data.keySet());
  }

  /** Keeps a hint; adding a hint equal to one already kept changes nothing. */
  public void addHint(DynamoProtocol.Hint hint) {
    hints.add(hint);
  }

  /** Drops a hint; returns whether it was kept. */
  public boolean removeHint(DynamoProtocol.Hint hint) {
    return hints.remove(hint);
  }

  /** The hints kept, in the order they were first added. */
  public List<DynamoProtocol.Hint> hints() {
    return new ArrayList<>(hints);
  }
}
