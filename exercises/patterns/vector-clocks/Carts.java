import java.util.List;

/** Dynamo's shopping-cart reconciliation. See brief.md. */
public final class Carts {
  private Carts() {}

  /**
   * The versions that no other version strictly descends from: a version whose clock is BEFORE
   * another's is dropped, concurrent versions are all kept, and versions with EQUAL clocks are
   * kept once. Leaves {@code versions} as it was and returns a list of its own.
   */
  public static List<CartVersion> siblings(List<CartVersion> versions) {
    // TODO
    throw new UnsupportedOperationException("TODO: siblings");
  }

  /**
   * One version that replaces all of {@code siblings}: the union of the items of the versions no
   * other one strictly descends from, and a clock that is the merge of all their clocks
   * incremented once by {@code coordinator}. Leaves {@code siblings} as it was.
   *
   * @throws IllegalArgumentException if {@code siblings} is empty
   */
  public static CartVersion reconcile(List<CartVersion> siblings, String coordinator) {
    // TODO
    throw new UnsupportedOperationException("TODO: reconcile");
  }
}
