package dstutor.content;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The terminal the tutor writes to: whether stdout is one, its size, and showing long text
 * through a pager ($PAGER, else {@code less -R}) the way git and man do.
 */
public final class Screen {
  /** The width used when stdout is not a terminal, and the widest text is ever wrapped to. */
  public static final int TEXT_WIDTH = 100;

  /** Rows and columns of a terminal. */
  public record Size(int rows, int columns) {}

  private Screen() {}

  /** Whether stdout (and stdin) are a terminal, not a pipe or a file. */
  public static boolean interactive() {
    return dstutor.term.Console.interactive();
  }

  /**
   * The terminal's size from {@code stty size} on the controlling terminal, else from $LINES and
   * $COLUMNS, else 24 by 80.
   */
  public static Size size() {
    int[] assumed = dstutor.term.Console.assumedSize();
    if (assumed != null) {
      return new Size(assumed[0], assumed[1]);
    }
    File tty = new File("/dev/tty");
    if (tty.exists()) {
      try {
        Process p = new ProcessBuilder("stty", "size").redirectInput(tty)
            .redirectError(Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
          String[] parts = out.split("\\s+");
          if (parts.length == 2) {
            int rows = Integer.parseInt(parts[0]);
            int cols = Integer.parseInt(parts[1]);
            if (rows > 0 && cols > 0) {
              return new Size(rows, cols);
            }
          }
        }
      } catch (IOException | NumberFormatException e) {
        // no stty (Windows) or no terminal: fall back to the environment
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return new Size(number(System.getenv("LINES"), 24), number(System.getenv("COLUMNS"), 80));
  }

  private static int number(String s, int fallback) {
    try {
      return s == null ? fallback : Math.max(1, Integer.parseInt(s.strip()));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** The width to wrap text to: the terminal's, but never more than {@link #TEXT_WIDTH}. */
  public static int textWidth(Size size) {
    return Math.max(40, Math.min(TEXT_WIDTH, size.columns()));
  }

  /**
   * Shows {@code text} through the pager ($PAGER, else {@code less -R}) on the inherited
   * terminal. Returns false, having shown nothing, if no pager could be started; the caller then
   * prints the text itself.
   */
  public static boolean page(String text, String pagerFromEnv) {
    String pager = pagerFromEnv == null || pagerFromEnv.isBlank() ? "less -R" : pagerFromEnv;
    boolean windows = System.getProperty("os.name", "").startsWith("Windows");
    List<String> command = windows ? List.of("cmd", "/c", pager) : List.of("sh", "-c", pager);
    Process p;
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(Redirect.INHERIT)
          .redirectError(Redirect.INHERIT);
      if (pagerFromEnv == null || pagerFromEnv.isBlank()) {
        pb.environment().putIfAbsent("LESS", "FRX");
      }
      p = pb.start();
    } catch (IOException e) {
      return false;
    }
    try (OutputStream in = p.getOutputStream()) {
      in.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the reader quit the pager before the end: nothing more to show
    }
    try {
      // 127: the shell found no such program; the caller prints the text instead.
      return p.waitFor() != 127;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
