package dstutor.content;

import dstutor.content.FrontMatter.Claim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two system pages side by side, one row per compared aspect, from their {@code compare} front
 * matter; under each claim, the {@code read} target of the section that backs it.
 */
public final class Comparison {
  /** The row labels, in {@link FrontMatter#COMPARE_KEYS} order. */
  static final Map<String, String> LABELS = Map.of("consistency", "consistency",
      "availability", "availability under partition", "replication", "replication",
      "partitioning", "partitioning", "failure-detection", "failure detection",
      "coordination", "coordination", "storage", "storage");
  private static final int LABEL = 14;
  private static final String GAP = "  ";

  private Comparison() {}

  /** The comparison of {@code a} and {@code b} (system pages) in {@code width} columns. */
  public static String render(Page a, Page b, int width, boolean color) {
    int w = Math.max(60, width);
    int col = (w - LABEL - 2 * GAP.length()) / 2;
    int right = LABEL + GAP.length() + col + GAP.length();
    List<String> out = new ArrayList<>();
    out.add(paint(a.title() + " vs " + b.title(), Styled.BOLD, color));
    out.add("");
    out.add(" ".repeat(LABEL + GAP.length()) + pad(paint(a.title(), Styled.BOLD, color),
        a.title().length(), col) + GAP + paint(b.title(), Styled.BOLD, color));
    String rule = paint("─".repeat(col), Styled.DIM, color);
    out.add(" ".repeat(LABEL + GAP.length()) + rule + GAP + rule);
    for (String key : FrontMatter.COMPARE_KEYS) {
      Claim ca = a.compare().get(key);
      Claim cb = b.compare().get(key);
      List<Styled.Line> label = new Styled().add(LABELS.get(key), Styled.BOLD).wrap(LABEL, color);
      List<Styled.Line> left = cell(ca, col, color);
      List<Styled.Line> rightCell = cell(cb, col, color);
      int height = Math.max(label.size(), Math.max(left.size(), rightCell.size()));
      for (int i = 0; i < height; i++) {
        Styled.Line l = i < label.size() ? label.get(i) : new Styled.Line("", 0);
        Styled.Line x = i < left.size() ? left.get(i) : new Styled.Line("", 0);
        Styled.Line y = i < rightCell.size() ? rightCell.get(i) : new Styled.Line("", 0);
        out.add(l.text() + Styled.pad(l.width(), LABEL) + GAP + x.text()
            + Styled.pad(x.width(), col) + GAP + y.text());
      }
      String ta = target(a, ca);
      String tb = target(b, cb);
      String indent = " ".repeat(LABEL + GAP.length());
      if (ta.length() <= col && tb.length() <= col) {
        out.add(indent + paint(ta, Styled.DIM, color) + Styled.pad(ta.length(), col) + GAP
            + paint(tb, Styled.DIM, color));
      } else {
        out.add(indent + paint(ta, Styled.DIM, color));
        out.add((tb.length() <= w - right ? " ".repeat(right) : indent)
            + paint(tb, Styled.DIM, color));
      }
      out.add("");
    }
    StringBuilder s = new StringBuilder();
    for (String line : out) {
      s.append(line.stripTrailing()).append('\n');
    }
    return s.toString();
  }

  private static List<Styled.Line> cell(Claim c, int width, boolean color) {
    String text = c == null ? "(not stated on this page)" : c.claim();
    return new Styled().add(text, 0).wrap(width, color);
  }

  private static String target(Page p, Claim c) {
    return c == null ? "read " + p.id() : "read " + p.id() + c.see();
  }

  private static String paint(String s, int style, boolean color) {
    return Styled.paint(s, style, color);
  }

  private static String pad(String painted, int visible, int width) {
    return painted + Styled.pad(visible, width);
  }
}
