package dstutor.term;

import java.io.PrintWriter;

/**
 * Owns console output: results to stdout, messages to stderr, colour only when it helps. Colour is
 * off when NO_COLOR is set (https://no-color.org), when TERM is dumb, or when no console is attached
 * (output piped to a file or another program).
 */
public final class Console {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean color;

  public Console(PrintWriter out, PrintWriter err, boolean color) {
    this.out = out;
    this.err = err;
    this.color = color;
  }

  /** Whether the environment wants colour on stdout. */
  public static boolean colorWanted() {
    if (System.getenv("NO_COLOR") != null && !System.getenv("NO_COLOR").isEmpty()) {
      return false;
    }
    String term = System.getenv("TERM");
    if (term == null || term.equals("dumb")) {
      return false;
    }
    return interactive();
  }

  private static volatile int[] assumed;

  /**
   * Makes {@link #interactive()} and the terminal size answer what another process said of its
   * terminal (the grading server running a client's command); null to stop.
   */
  public static void assumeTerminal(Boolean interactive, int lines, int columns) {
    assumed = interactive == null ? null : new int[] {interactive ? 1 : 0, lines, columns};
  }

  /** The terminal size another process reported ({@link #assumeTerminal}), or null. */
  public static int[] assumedSize() {
    int[] a = assumed;
    return a == null ? null : new int[] {a[1], a[2]};
  }

  /** Whether stdin and stdout are a terminal (not a pipe or a file). */
  public static boolean interactive() {
    int[] a = assumed;
    if (a != null) {
      return a[0] == 1;
    }
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // Java 22+ returns a console even when output is redirected; it then says which it is.
      return Boolean.TRUE.equals(console.getClass().getMethod("isTerminal").invoke(console));
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public boolean color() {
    return color;
  }

  public void println(String s) {
    out.println(s);
    out.flush();
  }

  /** A message for the user on stderr: what went wrong and what to do next. */
  public void error(String s) {
    err.println(paint(Style.RED, "error: ") + s);
    err.flush();
  }

  public void warn(String s) {
    err.println(paint(Style.YELLOW, "warning: ") + s);
    err.flush();
  }

  public void info(String s) {
    err.println(s);
    err.flush();
  }

  public String paint(Style style, String s) {
    return color ? style.code + s + "\u001b[0m" : s;
  }

  /** The few styles the tutor uses. */
  public enum Style {
    RED("\u001b[31m"),
    GREEN("\u001b[32m"),
    YELLOW("\u001b[33m"),
    BOLD("\u001b[1m"),
    DIM("\u001b[2m"),
    CYAN("\u001b[36m");

    final String code;

    Style(String code) {
      this.code = code;
    }
  }
}
