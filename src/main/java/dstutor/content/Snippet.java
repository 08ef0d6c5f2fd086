package dstutor.content;

import java.util.ArrayList;
import java.util.List;

/**
 * A short piece of a section's text around the words that matched, with the matched words marked
 * so that a terminal can show them in bold.
 *
 * @param marks start (inclusive) and end (exclusive) offsets of matched words in {@code text}
 */
public record Snippet(String text, List<int[]> marks) {
  static final int BEFORE = 70;
  static final int LENGTH = 220;

  /** The snippet wrapped to {@code width}, matched words in bold when colour is on. */
  public List<String> lines(int width, boolean color) {
    Styled s = new Styled();
    int at = 0;
    for (int[] m : marks) {
      s.add(text.substring(at, m[0]), 0).add(text.substring(m[0], m[1]), Styled.BOLD);
      at = m[1];
    }
    s.add(text.substring(at), 0);
    List<String> out = new ArrayList<>();
    for (Styled.Line l : s.wrap(width, color)) {
      out.add(l.text());
    }
    return out;
  }

  /**
   * The part of {@code body} around {@code focus} (a character offset), cut at word boundaries,
   * whitespace collapsed, with an ellipsis where text was left out; {@code matched} lists the
   * offsets of matched words in {@code body}.
   */
  static Snippet around(String body, int focus, List<int[]> matched) {
    int start = Math.max(0, focus - BEFORE);
    // Begin at the start of the sentence or list item when it is not far before the match.
    for (int i = Math.min(focus, body.length()) - 1; i >= Math.max(0, start - 40); i--) {
      char c = body.charAt(i);
      boolean end = c == '\n' || (c == '.' || c == '!' || c == '?')
          && i + 1 < body.length() && Character.isWhitespace(body.charAt(i + 1));
      if (end) {
        start = i + 1;
        break;
      }
      if (i == 0) {
        start = 0;
      }
    }
    while (start < focus && Character.isWhitespace(body.charAt(start))) {
      start++;
    }
    while (start > 0 && start < body.length() && !Character.isWhitespace(body.charAt(start - 1))) {
      start++;
    }
    int end = Math.min(body.length(), start + LENGTH);
    // To the end of the word, unless the word is a broken file's megabyte without a space.
    int wordEnd = Math.min(body.length(), end + BEFORE);
    while (end < wordEnd && !Character.isWhitespace(body.charAt(end))) {
      end++;
    }
    StringBuilder text = new StringBuilder(start > 0 ? "…" : "");
    List<int[]> marks = new ArrayList<>();
    boolean space = false;
    for (int i = start; i < end; i++) {
      char c = body.charAt(i);
      if (Character.isWhitespace(c)) {
        space = true;
        continue;
      }
      if (space && text.length() > 0 && !text.toString().equals("…")) {
        text.append(' ');
      }
      space = false;
      for (int[] m : matched) {
        if (m[0] == i && m[1] <= end) {
          marks.add(new int[] {text.length(), text.length() + (m[1] - m[0])});
        }
      }
      text.append(c);
    }
    if (end < body.length()) {
      text.append(" …");
    }
    return new Snippet(text.toString(), marks);
  }
}
