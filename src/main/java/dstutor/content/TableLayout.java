package dstutor.content;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableCell.Alignment;
import org.commonmark.node.Node;

/**
 * Lays out a GFM table in a width: columns as wide as their content when it fits, otherwise the
 * space shared so that narrow columns keep their width and wide ones wrap.
 */
final class TableLayout {
  private static final String GAP = "  ";
  private final TerminalRenderer renderer;
  private final boolean color;

  TableLayout(TerminalRenderer renderer, boolean color) {
    this.renderer = renderer;
    this.color = color;
  }

  List<String> render(TableBlock table, int width) {
    List<List<Styled>> rows = new ArrayList<>();
    List<Alignment> align = new ArrayList<>();
    boolean hasHeader = false;
    for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
      for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
        List<Styled> cells = new ArrayList<>();
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
          boolean header = cell instanceof TableCell tc && tc.isHeader();
          hasHeader |= header && rows.isEmpty();
          cells.add(renderer.inlines(cell, header ? Styled.BOLD : 0));
          if (rows.isEmpty()) {
            align.add(cell instanceof TableCell tc ? tc.getAlignment() : null);
          }
        }
        rows.add(cells);
      }
    }
    int cols = 0;
    for (List<Styled> r : rows) {
      cols = Math.max(cols, r.size());
    }
    if (cols == 0) {
      return List.of();
    }
    int[] widths = widths(rows, cols, width - GAP.length() * (cols - 1));
    List<List<List<Styled.Line>>> wrapped = new ArrayList<>();
    boolean multiLine = false;
    for (List<Styled> r : rows) {
      List<List<Styled.Line>> cells = new ArrayList<>();
      for (int c = 0; c < cols; c++) {
        List<Styled.Line> lines = c < r.size() ? r.get(c).wrap(widths[c], color)
            : List.of(new Styled.Line("", 0));
        cells.add(lines);
        multiLine |= lines.size() > 1;
      }
      wrapped.add(cells);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < wrapped.size(); i++) {
      if (i > (hasHeader ? 1 : 0) && multiLine) {
        out.add("");
      }
      out.addAll(row(wrapped.get(i), widths, align));
      if (i == 0 && hasHeader) {
        List<String> rule = new ArrayList<>();
        for (int w : widths) {
          rule.add("─".repeat(w));
        }
        out.add(Styled.paint(String.join(GAP, rule), Styled.DIM, color));
      }
    }
    return out;
  }

  private static List<String> row(List<List<Styled.Line>> cells, int[] widths,
      List<Alignment> align) {
    int height = 0;
    for (List<Styled.Line> c : cells) {
      height = Math.max(height, c.size());
    }
    List<String> out = new ArrayList<>();
    for (int line = 0; line < height; line++) {
      StringBuilder b = new StringBuilder();
      for (int c = 0; c < cells.size(); c++) {
        Styled.Line l = line < cells.get(c).size() ? cells.get(c).get(line)
            : new Styled.Line("", 0);
        int free = widths[c] - l.width();
        Alignment a = c < align.size() ? align.get(c) : null;
        int left = a == Alignment.RIGHT ? free : a == Alignment.CENTER ? free / 2 : 0;
        if (c > 0) {
          b.append(GAP);
        }
        b.append(" ".repeat(Math.max(0, left))).append(l.text())
            .append(" ".repeat(Math.max(0, free - left)));
      }
      out.add(b.toString());
    }
    return out;
  }

  /**
   * Column widths within {@code available}: every column gets its natural width if all fit;
   * otherwise columns are settled from the narrowest up, each taking at most an equal share of
   * what is left, so that short columns are never wrapped to make room for long ones.
   */
  static int[] widths(List<List<Styled>> rows, int cols, int available) {
    int[] natural = new int[cols];
    for (List<Styled> r : rows) {
      for (int c = 0; c < r.size(); c++) {
        natural[c] = Math.max(natural[c], Math.max(1, r.get(c).width()));
      }
    }
    int total = 0;
    for (int n : natural) {
      total += n;
    }
    if (total <= available) {
      return natural;
    }
    Integer[] order = new Integer[cols];
    for (int i = 0; i < cols; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Integer.compare(natural[a], natural[b]));
    int[] widths = new int[cols];
    int left = Math.max(cols, available);
    for (int i = 0; i < cols; i++) {
      int c = order[i];
      int share = left / (cols - i);
      widths[c] = Math.max(1, Math.min(natural[c], share));
      left -= widths[c];
    }
    return widths;
  }
}
