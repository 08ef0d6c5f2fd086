import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable vector clock: one counter per node. Only non-zero counters are stored, so that a
 * missing node and a node at 0 are the same thing everywhere, equals included.
 */
public final class VectorClock {
  private final Map<String, Long> counters;

  /** The empty clock: every counter is 0. */
  public VectorClock() {
    this.counters = Collections.emptyMap();
  }

  private VectorClock(TreeMap<String, Long> counters) {
    this.counters = Collections.unmodifiableMap(counters);
  }

  /** A clock with these counters; a counter of 0 is the same as leaving the node out. */
  public static VectorClock of(Map<String, Long> counters) {
    TreeMap<String, Long> copy = new TreeMap<>();
    for (Map.Entry<String, Long> e : counters.entrySet()) {
      String node = Objects.requireNonNull(e.getKey(), "node == null");
      long value = Objects.requireNonNull(e.getValue(), "counter == null");
      if (value < 0) {
        throw new IllegalArgumentException("negative counter for " + node + ": " + value);
      }
      if (value > 0) {
        copy.put(node, value);
      }
    }
    return new VectorClock(copy);
  }

  public long get(String node) {
    return counters.getOrDefault(node, 0L);
  }

  public VectorClock increment(String node) {
    Objects.requireNonNull(node, "node == null");
    TreeMap<String, Long> copy = new TreeMap<>(counters);
    copy.merge(node, 1L, Math::addExact);
    return new VectorClock(copy);
  }

  public VectorClock merge(VectorClock other) {
    TreeMap<String, Long> copy = new TreeMap<>(counters);
    other.counters.forEach((node, value) -> copy.merge(node, value, Math::max));
    return new VectorClock(copy);
  }

  public ClockOrder compare(VectorClock other) {
    // One pass over the union of nodes; a node missing on one side reads as 0 through get().
    Set<String> nodes = new HashSet<>(counters.keySet());
    nodes.addAll(other.counters.keySet());
    boolean someLess = false;
    boolean someGreater = false;
    for (String node : nodes) {
      long mine = get(node);
      long theirs = other.get(node);
      if (mine < theirs) {
        someLess = true;
      } else if (mine > theirs) {
        someGreater = true;
      }
    }
    if (someLess && someGreater) {
      return ClockOrder.CONCURRENT;
    }
    if (someLess) {
      return ClockOrder.BEFORE;
    }
    if (someGreater) {
      return ClockOrder.AFTER;
    }
    return ClockOrder.EQUAL;
  }

  public Map<String, Long> entries() {
    return counters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VectorClock && ((VectorClock) o).counters.equals(counters);
  }

  @Override
  public int hashCode() {
    return counters.hashCode();
  }

  @Override
  public String toString() {
    return counters.toString();
  }
}
