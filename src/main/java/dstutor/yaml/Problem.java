package dstutor.yaml;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One thing wrong in a course folder: where (file, line, column; line 0 when the whole file is
 * meant) and what, phrased so that the author knows the fix.
 */
public record Problem(Path file, int line, int column, String message) {
  /** The longest value a message quotes whole; a longer one is cut (a 2 MB value is a typo). */
  public static final int QUOTE = 80;
  /** The longest message kept whole (the file and place come before it). */
  public static final int MAX_MESSAGE = 220;
  /** The most problems a message lists; the rest are counted. */
  public static final int LISTED = 10;

  /** {@code value} for a message: whole when short, else its start and its length. */
  public static String quote(String value) {
    return value.length() <= QUOTE ? value
        : value.substring(0, QUOTE) + "... (" + value.length() + " characters)";
  }

  /**
   * {@code problems} for a message, one a line and indented: at most {@link #LISTED}, then how
   * many more there are and where to see them all.
   */
  public static String listed(List<?> problems) {
    StringBuilder b = new StringBuilder();
    for (Object p : problems.subList(0, Math.min(LISTED, problems.size()))) {
      b.append("\n  ").append(p);
    }
    if (problems.size() > LISTED) {
      b.append("\n  ... and ").append(problems.size() - LISTED)
          .append(" more; `dstutor course check` lists them all");
    }
    return b.toString();
  }

  /** A quoted value: opens after a space or bracket, closes before one or punctuation. */
  private static final Pattern QUOTED =
      Pattern.compile("(?<=^|[\\s(\\[])'([^\n]*?)'(?=$|[\\s;:,.)\\]?!])");

  /**
   * Values quoted in {@code message} ('...') are cut to {@link #QUOTE}, and the message to
   * {@link #MAX_MESSAGE}, wherever it was built.
   */
  public Problem {
    if (message.length() > 2 * QUOTE) {
      message = clip(QUOTED.matcher(message).replaceAll(m -> Matcher.quoteReplacement(
          m.group(1).length() > QUOTE ? "'" + quote(m.group(1)) + "'" : m.group())),
          MAX_MESSAGE);
    }
  }

  /**
   * {@code message} with its middle left out when it is longer than {@code max}: the last
   * resort for a value quoted without {@link #quote}. The start says where and what, the end
   * what to do.
   */
  public static String clip(String message, int max) {
    if (message.length() <= max) {
      return message;
    }
    String left = " characters left out) ... ";
    int tail = max / 6;
    // The count has at most as many digits as the length: the result is at most max.
    int head = max - tail - " ... (".length() - String.valueOf(message.length()).length()
        - left.length();
    return message.substring(0, head) + " ... (" + (message.length() - head - tail) + left
        + message.substring(message.length() - tail);
  }

  public static Problem at(YNode.Loc loc, String message) {
    return new Problem(loc.file(), loc.line(), loc.column(), message);
  }

  public static Problem inFile(Path file, String message) {
    return new Problem(file, 0, 0, message);
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
  }
}
