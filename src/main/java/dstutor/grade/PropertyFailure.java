package dstutor.grade;

/**
 * A property that failed for one seed. Carries the seed so that the verdict can show it and the
 * learner can replay exactly that run with {@code dstutor submit <id> --seed N}.
 */
public final class PropertyFailure extends AssertionError {
  private static final long serialVersionUID = 1L;
  private final long seed;

  public PropertyFailure(long seed, String message, Throwable cause) {
    super(message, cause);
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }
}
