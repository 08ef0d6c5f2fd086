package dstutor.drill;

/**
 * Where a run reads the learner's lines and shows its text: a JLine terminal with a live status
 * line ({@link TerminalIo}), or plain streams ({@link PlainIo}) when there is no terminal.
 */
public interface DrillIo extends AutoCloseable {
  /** The next line typed; null at the end of input (Ctrl-D, or a pipe that ran dry). */
  String readLine(String prompt) throws Interrupted;

  /** Shows {@code text} from the thread that reads input. */
  void show(String text);

  /**
   * Shows {@code text} from the timer thread, above the line being typed, and makes {@code prompt}
   * the prompt of that line. Only called when {@link #live()}.
   */
  void showAbove(String text, String prompt);

  /** Replaces the status line; does nothing where there is none. */
  void status(String line);

  /**
   * Whether a timer thread should tick the run and show what falls due as it happens; otherwise
   * events are shown before the next prompt.
   */
  boolean live();

  /** Hands the screen to an editor ({@code true}) and takes it back ({@code false}). */
  void lend(boolean toEditor);

  @Override
  void close();

  /** Ctrl-C: leave now, saving. */
  final class Interrupted extends Exception {
    private static final long serialVersionUID = 1L;
  }
}
