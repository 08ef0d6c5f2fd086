package dstutor.yaml;

/**
 * How much of a course file's text a command prints (here, beside {@link Problem}, because both
 * the course model and the content pages use it). A real course stays far below every cap
 * (the shipped one: headings of at most 88 characters, titles of at most 97, source lines of at
 * most 441, paragraphs of under 5,000); text over a cap comes from a broken file, and is shown
 * cut, with an ellipsis, instead of flooding the terminal. {@code course check} reports headings
 * and titles over their caps with file and line.
 */
public final class Caps {
  private Caps() {}

  /** A heading's text. */
  public static final int HEADING = 160;
  /** A page's, an exercise's, a track's or the course's title. */
  public static final int TITLE = 160;
  /** One line of a page's source as shown: a run of text, a line of code or of HTML, a link. */
  public static final int LINE = 1_000;
  /** One block's text: a paragraph, a list item's paragraph, a table cell. */
  public static final int BLOCK = 10_000;
  /**
   * One value of a YAML course file (a hint, a card's text, a drill's model answer): a file with a
   * longer one does not load (the shipped course's longest is about 4,000 characters).
   */
  public static final int VALUE = 40_000;
  /** What stands for the text left out. */
  public static final String ELLIPSIS = "…";

  /** {@code text} with each of its lines cut to {@code max} characters (see {@link #clip}). */
  public static String clipLines(String text, int max) {
    StringBuilder b = new StringBuilder(Math.min(text.length(), 1 << 16));
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      b.append(clip(text.substring(start, end), max));
      if (end < text.length()) {
        b.append('\n');
      }
      start = end + 1;
    }
    return b.toString();
  }

  /**
   * {@code text} as is when it has at most {@code max} characters, else its first {@code max - 1}
   * and an ellipsis (never half of a surrogate pair). Null stays null.
   */
  public static String clip(String text, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max < 1: " + max);
    }
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + ELLIPSIS;
  }
}
