package dstutor.session;

/** A problem the user can fix; carries the exit code and a message that says what to do. */
public final class DstutorException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** Bad usage or input: a typo, a missing file, a broken course. */
  public static final int USAGE = 2;

  private final int exitCode;

  public DstutorException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public static DstutorException usage(String message) {
    return new DstutorException(USAGE, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
