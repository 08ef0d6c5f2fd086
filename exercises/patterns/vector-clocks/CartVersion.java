import java.util.Objects;
import java.util.Set;

/**
 * One version of a shopping cart as a Dynamo-style store keeps it: the items in the cart and the
 * vector clock of the write that produced this version. Given: do not edit.
 */
public record CartVersion(Set<String> items, VectorClock clock) {
  public CartVersion {
    Objects.requireNonNull(items, "items == null");
    Objects.requireNonNull(clock, "clock == null");
    items = Set.copyOf(items);
  }
}
