package dstutor.term;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps prose to a width at word boundaries. Lines laid out in columns (a timeline, a table, a
 * counterexample with aligned fields: two spaces in a row after the indent) are left as they are,
 * since breaking them would scramble the evidence.
 */
public final class Wrap {
  private Wrap() {}

  /**
   * {@code line} as one or more lines of at most {@code width} characters where it has spaces to
   * break at; continuation lines keep the line's indent. A word longer than the width stays whole.
   */
  public static List<String> line(String line, int width) {
    int indentEnd = 0;
    while (indentEnd < line.length() && line.charAt(indentEnd) == ' ') {
      indentEnd++;
    }
    String indent = line.substring(0, indentEnd);
    String body = line.substring(indentEnd);
    if (line.length() <= width || body.contains("  ") || width <= indent.length() + 10) {
      return List.of(line);
    }
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder(indent);
    for (String word : body.split(" ")) {
      if (current.length() > indent.length()
          && current.length() + 1 + word.length() > width) {
        out.add(current.toString());
        current = new StringBuilder(indent);
      }
      if (current.length() > indent.length()) {
        current.append(' ');
      }
      current.append(word);
    }
    out.add(current.toString());
    return out;
  }

  /** Every line of {@code text}, wrapped with {@link #line}. */
  public static List<String> text(String text, int width) {
    List<String> out = new ArrayList<>();
    for (String l : text.split("\n", -1)) {
      out.addAll(line(l, width));
    }
    return out;
  }
}
