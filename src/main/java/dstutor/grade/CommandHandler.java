package dstutor.grade;

/**
 * Runs a whole command line inside the grading server, for a command-line client that would
 * otherwise spend its time starting up: the server's compiler and classes are warm. The
 * implementation lives with the commands (found through {@link java.util.ServiceLoader}), since
 * nothing in {@code grade} knows them.
 */
public interface CommandHandler {
  /** Runs {@code command} with the server's {@code grader}; never throws. */
  Wire.Output run(Wire.Command command, Grader grader);

  /** Loads and exercises what a command needs, before the first client waits on it. */
  default void warmUp(Grader grader) {}
}
