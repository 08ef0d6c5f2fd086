package dstutor.grade;

/**
 * A property failure with its own cause: where one test checks several things (argument checks
 * and the algorithm, say), each failure names the hint rung about what actually broke, instead of
 * the rung the test's {@link Hint} annotation gives. The grader takes the first hint found along
 * the failure's causes, so it also works inside {@link Seeds#forEach}.
 *
 * <pre>{@code throw Because.of("argument-checks", "new ConsistentHashRing(0) returned; ...");}</pre>
 */
public final class Because extends AssertionError {
  private static final long serialVersionUID = 1L;
  private final String hint;

  private Because(String hint, String message, Throwable cause) {
    super(message, cause);
    if (hint == null || hint.isBlank()) {
      throw new IllegalArgumentException("hint is blank");
    }
    this.hint = hint;
  }

  /** A failure that points to hint {@code hint} (an id from the exercise's ladder). */
  public static Because of(String hint, String message) {
    return new Because(hint, message, null);
  }

  /** A failure that points to hint {@code hint}, caused by {@code cause}. */
  public static Because of(String hint, String message, Throwable cause) {
    return new Because(hint, message, cause);
  }

  /** The id of the hint rung this failure is about. */
  public String hint() {
    return hint;
  }

  /** The hint named by {@code t} or one of its causes, or {@code null}. */
  public static String hintOf(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof Because b) {
        return b.hint;
      }
      if (c instanceof PropertyFailure pf && pf.hint() != null) {
        return pf.hint();
      }
    }
    return null;
  }
}
