import java.util.Map;

/**
 * One version of a key: a value and its vector clock, a map from coordinator id to a positive
 * counter (a missing entry is 0). Two different versions never have equal clocks. Given: do not
 * edit.
 */
public record DynamoVersion(String value, Map<String, Long> clock) {
  public DynamoVersion {
    clock = Map.copyOf(clock);
  }

  /** Whether this version's clock covers {@code other}'s: at least as large in every entry. */
  public boolean covers(DynamoVersion other) {
    for (Map.Entry<String, Long> e : other.clock.entrySet()) {
      if (clock.getOrDefault(e.getKey(), 0L) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
