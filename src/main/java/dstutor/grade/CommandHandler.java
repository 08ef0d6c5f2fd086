package dstutor.grade;

import java.io.IOException;

/**
 * Runs a whole command line inside the grading server, for a command-line client that would
 * otherwise spend its time starting up: the server's compiler and classes are warm. The
 * implementation lives with the commands (found through {@link java.util.ServiceLoader}), since
 * nothing in {@code grade} knows them.
 */
public interface CommandHandler {
  /**
   * Runs {@code command} with the server's {@code grader}; never throws. What the command would
   * write to the learner's state (a submit's record in progress) is not written yet: the server
   * commits it only once the output has reached the client (see {@link Served#commit}).
   */
  Served run(Wire.Command command, Grader grader);

  /** Loads and exercises what a command needs, before the first client waits on it. */
  default void warmUp(Grader grader) {}

  /**
   * What a command printed, and what it held back until its client has that output. The server
   * calls {@link Commit#run} only after the output was written whole to the client's socket, and
   * never when the client has gone before that.
   */
  record Served(Wire.Output output, Commit commit) {
    /** Output with nothing held back. */
    public static Served of(Wire.Output output) {
      return new Served(output, () -> false);
    }
  }

  /** Writes what a command held back; true when it wrote anything. */
  @FunctionalInterface
  interface Commit {
    boolean run() throws IOException;
  }
}
