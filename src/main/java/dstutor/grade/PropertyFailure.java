package dstutor.grade;

/**
 * A property that failed for one seed. Carries the seed so that the verdict can show it and the
 * learner can replay exactly that run with {@code dstutor submit <id> --seed N}.
 */
public final class PropertyFailure extends AssertionError {
  private static final long serialVersionUID = 1L;
  private final long seed;
  private final String hint;

  public PropertyFailure(long seed, String message, Throwable cause) {
    this(seed, message, cause, null);
  }

  /** A failure that names the hint rung about its cause (see {@link Because}). */
  public PropertyFailure(long seed, String message, Throwable cause, String hint) {
    super(message, cause);
    this.seed = seed;
    this.hint = hint;
  }

  /** The hint this failure names, or {@code null} for the test's own. */
  public String hint() {
    return hint;
  }

  public long seed() {
    return seed;
  }
}
