import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Dynamo's shopping-cart reconciliation: keep the siblings, then merge them into one version. */
public final class Carts {
  private Carts() {}

  public static List<CartVersion> siblings(List<CartVersion> versions) {
    List<CartVersion> kept = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      VectorClock clock = versions.get(i).clock();
      boolean keep = true;
      for (int j = 0; j < versions.size() && keep; j++) {
        if (i == j) {
          continue;
        }
        ClockOrder order = clock.compare(versions.get(j).clock());
        // Dominated by a newer version, or a repeat of one already kept (first one wins).
        keep = order != ClockOrder.BEFORE && !(order == ClockOrder.EQUAL && j < i);
      }
      if (keep) {
        kept.add(versions.get(i));
      }
    }
    return kept;
  }

  public static CartVersion reconcile(List<CartVersion> siblings, String coordinator) {
    Objects.requireNonNull(coordinator, "coordinator == null");
    if (siblings.isEmpty()) {
      throw new IllegalArgumentException("nothing to reconcile: no siblings");
    }
    // Items of a version that another one descends from do not count: the newer one may have
    // removed them on purpose.
    Set<String> items = new TreeSet<>();
    for (CartVersion v : siblings(siblings)) {
      items.addAll(v.items());
    }
    VectorClock clock = new VectorClock();
    for (CartVersion v : siblings) {
      clock = clock.merge(v.clock());
    }
    return new CartVersion(items, clock.increment(coordinator));
  }
}
