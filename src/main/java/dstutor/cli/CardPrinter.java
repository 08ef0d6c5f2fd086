package dstutor.cli;

import dstutor.content.Cards;
import dstutor.content.Screen;
import dstutor.course.Exercise;
import dstutor.progress.Progress;
import dstutor.session.DstutorException;
import dstutor.session.Session;
import dstutor.term.Console;
import dstutor.term.Console.Style;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a one-screen card: a title line, then labelled fields whose text is wrapped to the
 * width and cut to a few lines (the page itself has the rest: every card ends with its read
 * command).
 */
final class CardPrinter {
  static final int LABEL = 12;
  private final Console c;
  private final int width;

  CardPrinter(Console c, Integer width) {
    this.c = c;
    this.width = width != null ? ReadCommand.checkWidth(width)
        : Screen.interactive() ? Math.min(100, Screen.textWidth(Screen.size())) : 100;
  }

  int width() {
    return width;
  }

  void title(String title, String kind, String read) {
    c.println(c.paint(Style.BOLD, title) + c.paint(Style.DIM, "  (" + kind + ": " + read + ")"));
  }

  /** A labelled field: {@code text} wrapped to the width, at most {@code lines} lines. */
  void field(String label, String text, int lines) {
    List<String> wrapped = wrap(text, width - LABEL, lines);
    for (int i = 0; i < wrapped.size(); i++) {
      String head = i == 0 ? String.format("%-" + LABEL + "s", label) : " ".repeat(LABEL);
      c.println((i == 0 ? c.paint(Style.BOLD, head) : head) + wrapped.get(i));
    }
  }

  /** A labelled list: one row per entry (name, text, optional command), each cut to one line. */
  void rows(String label, List<String[]> rows, String none) {
    rows(label, LABEL, rows, none);
  }

  /** As {@link #rows(String, List, String)}, with the label column {@code labelWidth} wide. */
  void rows(String label, int labelWidth, List<String[]> rows, String none) {
    if (rows.isEmpty()) {
      field(label, none, 2);
      return;
    }
    int nameWidth = 1;
    for (String[] r : rows) {
      nameWidth = Math.max(nameWidth, r[0].length());
    }
    boolean first = true;
    for (String[] r : rows) {
      String head = first ? String.format("%-" + labelWidth + "s", label)
          : " ".repeat(labelWidth);
      String name = String.format("%-" + nameWidth + "s  ", r[0]);
      int room = width - labelWidth - name.length();
      // The command goes at the end when it leaves the text room; the id names it anyway.
      boolean tail = r.length > 2 && room - r[2].length() - 2 >= 16;
      String rest = cut(r[1], tail ? room - r[2].length() - 2 : room);
      String end = tail ? "  " + c.paint(Style.DIM, r[2]) : "";
      c.println((first ? c.paint(Style.BOLD, head) : head) + name + rest + end);
      first = false;
    }
  }

  void line(String text) {
    c.println(text);
  }

  void dim(String text) {
    c.println(c.paint(Style.DIM, text));
  }

  /** Exercise rows: id, title and status, with the command that shows it. */
  static List<String[]> exerciseRows(Session session, List<Exercise> exercises) {
    Progress p;
    try {
      p = session.progress();
    } catch (DstutorException e) {
      p = null;
    }
    List<String[]> rows = new ArrayList<>();
    for (Exercise e : exercises) {
      String status = p == null ? "" : "[" + ListCommand.status(p, e) + "] ";
      rows.add(new String[] {e.id(), status + e.title(), "dstutor show " + e.id()});
    }
    return rows;
  }

  static List<String> wrap(String text, int width, int maxLines) {
    int w = Math.max(20, width);
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > w) {
        out.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      out.add(line.toString());
    }
    if (out.size() > maxLines) {
      List<String> cut = new ArrayList<>(out.subList(0, maxLines));
      cut.set(maxLines - 1, cut(cut.get(maxLines - 1) + " " + out.get(maxLines), w));
      if (!cut.get(maxLines - 1).endsWith("…")) {
        cut.set(maxLines - 1, cut(cut.get(maxLines - 1), w - 1) + "…");
      }
      return cut;
    }
    return out;
  }

  /** {@code text} in at most {@code width} characters, ending in "…" when cut. */
  static String cut(String text, int width) {
    int w = Math.max(10, width);
    if (text.length() <= w) {
      return text;
    }
    int space = text.lastIndexOf(' ', w - 1);
    int end = space > w / 2 ? space : w - 1;
    return text.substring(0, end).stripTrailing() + "…";
  }

  static String sentence(String text) {
    return Cards.firstSentence(text);
  }
}
