package dstutor.drill;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * A learner in a test: each line is typed after the clock moved on by a given time, and all that
 * the run shows is kept in {@link #transcript}. At the end of the script the input ends (EOF).
 */
final class ScriptedIo implements DrillIo {
  final StringBuilder transcript = new StringBuilder();
  private final Deque<Object[]> steps = new ArrayDeque<>();
  private final long[] now;

  /** A clock the script moves: read it with {@link #clock()}. */
  ScriptedIo(long[] now) {
    this.now = now;
  }

  static LongSupplier clockOf(long[] now) {
    return () -> now[0];
  }

  /** After {@code seconds} more of drill time, type {@code line}. */
  ScriptedIo at(double seconds, String line) {
    steps.add(new Object[] {Math.round(seconds * 1000), line});
    return this;
  }

  /** Types {@code text}'s lines one after another, then a blank line, with no time passing. */
  ScriptedIo answer(double afterSeconds, String text) {
    String[] lines = text.split("\n");
    at(afterSeconds, lines[0]);
    for (int i = 1; i < lines.length; i++) {
      at(0, lines[i]);
    }
    return at(0, "");
  }

  /** The terminal dies: the next read throws, and nothing gets a chance to save. */
  ScriptedIo kill() {
    steps.add(new Object[] {0L, KILL});
    return this;
  }

  private static final String KILL = new String("<killed>");

  /** What a dying terminal does to the run in a test. */
  static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @Override
  public String readLine(String prompt) {
    transcript.append(prompt);
    Object[] step = steps.peek() != null && steps.peek()[1] == KILL ? null : steps.poll();
    if (step == null && !steps.isEmpty()) {
      throw new Killed();
    }
    if (step == null) {
      transcript.append("<EOF>\n");
      return null;
    }
    now[0] += (Long) step[0];
    transcript.append(step[1]).append('\n');
    return (String) step[1];
  }

  @Override
  public void show(String text) {
    transcript.append(text).append('\n');
  }

  @Override
  public void showAbove(String text, String prompt) {
    show(text);
  }

  @Override
  public void status(String line) {}

  @Override
  public boolean live() {
    return false;
  }

  @Override
  public void lend(boolean toEditor) {}

  @Override
  public void close() {}
}
