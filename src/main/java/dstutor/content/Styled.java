package dstutor.content;

import dstutor.yaml.Caps;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of text with styles, wrapped to a width with ANSI codes only when colour is on. A
 * non-breaking space ({@code \u00A0}) keeps a read target such as "read quorum" on one line.
 */
final class Styled {
  static final int BOLD = 1;
  static final int ITALIC = 2;
  static final int CODE = 4;
  static final int LINK = 8;
  static final int DIM = 16;
  static final char NBSP = '\u00A0';
  private static final String RESET = "\u001b[0m";

  /** A piece of text in one style. */
  record Run(String text, int style) {}

  /** One output line and how many columns it takes on screen. */
  record Line(String text, int width) {}

  private final List<Run> runs = new ArrayList<>();

  Styled add(String text, int style) {
    if (!text.isEmpty()) {
      runs.add(new Run(text, style));
    }
    return this;
  }

  /**
   * At most {@code max} characters of this text: when longer, the first {@code max - 1} and an
   * ellipsis, in the style of the run it ends.
   */
  Styled clip(int max) {
    int total = 0;
    for (Run r : runs) {
      total += r.text().length();
    }
    if (total <= max) {
      return this;
    }
    Styled out = new Styled();
    int room = max - 1;
    int style = 0;
    for (Run r : runs) {
      if (room <= 0) {
        break;
      }
      String t = r.text();
      int end = Math.min(t.length(), room);
      if (end < t.length() && Character.isHighSurrogate(t.charAt(end - 1))) {
        end--; // never half of a surrogate pair
      }
      String kept = t.substring(0, end);
      out.add(kept, r.style());
      style = r.style();
      room -= kept.length();
      if (end < t.length()) {
        break;
      }
    }
    return out.add(Caps.ELLIPSIS, style);
  }

  /** The visible text, styles dropped. */
  String plain() {
    StringBuilder b = new StringBuilder();
    for (Run r : runs) {
      b.append(r.text());
    }
    return b.toString().replace(NBSP, ' ');
  }

  /** Columns taken on one line: the widest of its lines when it holds line breaks. */
  int width() {
    int max = 0;
    for (String l : plain().split("\n", -1)) {
      max = Math.max(max, l.strip().length());
    }
    return max;
  }

  /** The widest word: the narrowest column that needs no word broken. */
  int longestWord() {
    int max = 0;
    for (List<Run> w : words()) {
      if (w != null) {
        max = Math.max(max, length(w));
      }
    }
    return max;
  }

  /** Greedy word wrap to {@code width} columns; a word longer than a line is cut. */
  List<Line> wrap(int width, boolean color) {
    int w = Math.max(1, width);
    List<Line> lines = new ArrayList<>();
    List<Run> line = new ArrayList<>();
    int used = 0;
    for (List<Run> word : words()) {
      if (word == null) {
        lines.add(new Line(emit(line, color), used));
        line.clear();
        used = 0;
        continue;
      }
      int len = length(word);
      if (used > 0 && used + 1 + len > w) {
        lines.add(new Line(emit(line, color), used));
        line.clear();
        used = 0;
      }
      if (used > 0) {
        // The space takes the styles both neighbours share, so a bold phrase stays one run.
        int shared = line.get(line.size() - 1).style() & word.get(0).style();
        line.add(new Run(" ", shared));
        used++;
      }
      if (len > w - used) {
        List<List<Run>> pieces = pieces(word, w - used, w);
        for (List<Run> piece : pieces.subList(0, pieces.size() - 1)) {
          line.addAll(piece);
          lines.add(new Line(emit(line, color), used + length(piece)));
          line.clear();
          used = 0;
        }
        word = pieces.get(pieces.size() - 1);
        len = length(word);
      }
      line.addAll(word);
      used += len;
    }
    if (used > 0 || lines.isEmpty()) {
      lines.add(new Line(emit(line, color), used));
    }
    return lines;
  }

  /** The text on one line without wrapping (newlines become spaces). */
  String oneLine(boolean color) {
    List<Run> all = new ArrayList<>();
    for (Run r : runs) {
      all.add(new Run(r.text().replace('\n', ' '), r.style()));
    }
    return emit(all, color);
  }

  /** Words separated by spaces; null stands for a hard line break. */
  private List<List<Run>> words() {
    List<List<Run>> words = new ArrayList<>();
    List<Run> current = new ArrayList<>();
    for (Run r : runs) {
      StringBuilder piece = new StringBuilder();
      for (char c : r.text().toCharArray()) {
        if (c == ' ' || c == '\t' || c == '\n') {
          if (piece.length() > 0) {
            current.add(new Run(piece.toString(), r.style()));
            piece.setLength(0);
          }
          if (!current.isEmpty()) {
            words.add(current);
            current = new ArrayList<>();
          }
          if (c == '\n') {
            words.add(null);
          }
        } else {
          piece.append(c);
        }
      }
      if (piece.length() > 0) {
        current.add(new Run(piece.toString(), r.style()));
      }
    }
    if (!current.isEmpty()) {
      words.add(current);
    }
    return words;
  }

  private static int length(List<Run> word) {
    int n = 0;
    for (Run r : word) {
      n += r.text().length();
    }
    return n;
  }

  /**
   * A word cut into pieces of {@code first}, then {@code w} characters; the last piece holds the
   * rest. One pass: cutting the rest again and again would copy a 2 MB word a thousand times.
   */
  private static List<List<Run>> pieces(List<Run> word, int first, int w) {
    List<List<Run>> out = new ArrayList<>();
    List<Run> piece = new ArrayList<>();
    int room = first;
    for (Run r : word) {
      String t = r.text();
      for (int at = 0; at < t.length(); ) {
        if (room == 0) {
          out.add(piece);
          piece = new ArrayList<>();
          room = w;
        }
        int n = Math.min(room, t.length() - at);
        piece.add(new Run(t.substring(at, at + n), r.style()));
        at += n;
        room -= n;
      }
    }
    out.add(piece);
    return out;
  }

  /** The runs as text, neighbouring runs of one style merged so each style is set once. */
  private static String emit(List<Run> runs, boolean color) {
    StringBuilder b = new StringBuilder();
    StringBuilder piece = new StringBuilder();
    int style = -1;
    for (Run r : runs) {
      if (r.style() != style && piece.length() > 0) {
        b.append(paint(piece.toString(), style, color));
        piece.setLength(0);
      }
      style = r.style();
      piece.append(r.text().replace(NBSP, ' '));
    }
    if (piece.length() > 0) {
      b.append(paint(piece.toString(), style, color));
    }
    return b.toString();
  }

  /** {@code text} wrapped in the ANSI codes of {@code style}, or as is without colour. */
  static String paint(String text, int style, boolean color) {
    if (!color || style == 0 || text.isEmpty()) {
      return text;
    }
    StringBuilder codes = new StringBuilder();
    if ((style & BOLD) != 0) {
      codes.append(";1");
    }
    if ((style & DIM) != 0) {
      codes.append(";2");
    }
    if ((style & ITALIC) != 0) {
      codes.append(";3");
    }
    if ((style & LINK) != 0) {
      codes.append(";4");
    }
    if ((style & CODE) != 0) {
      codes.append(";36");
    }
    return "\u001b[" + codes.substring(1) + "m" + text + RESET;
  }

  /** Spaces to pad a line of {@code used} columns to {@code width}. */
  static String pad(int used, int width) {
    return " ".repeat(Math.max(0, width - used));
  }
}
