import java.util.List;

/** Dynamo's shopping-cart reconciliation. See brief.md. */
public final class Carts {
  private Carts() {}

  /**
   * The versions that no other version descends from: a version whose clock is BEFORE another's is
   * dropped, concurrent versions are all kept, and versions with EQUAL clocks are kept once.
   */
  public static List<CartVersion> siblings(List<CartVersion> versions) {
    // TODO
    throw new UnsupportedOperationException("TODO: siblings");
  }

  /**
   * One version that replaces all of {@code siblings}: the union of their items, and a clock that
   * is the merge of their clocks incremented by {@code coordinator}.
   *
   * @throws IllegalArgumentException if {@code siblings} is empty
   */
  public static CartVersion reconcile(List<CartVersion> siblings, String coordinator) {
    // TODO
    throw new UnsupportedOperationException("TODO: reconcile");
  }
}
