package dstutor.content;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;

/**
 * Heading anchors of a Markdown page, GitHub style, so that a link such as {@code
 * content/patterns/quorum.md#sloppy-quorums} can be checked and followed.
 */
public final class Anchors {
  private Anchors() {}

  /** GitHub's slug of a heading: lower case, punctuation dropped, spaces to hyphens. */
  public static String slug(String heading) {
    StringBuilder b = new StringBuilder();
    for (char c : heading.trim().toLowerCase(Locale.ROOT).toCharArray()) {
      if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
        b.append(c);
      } else if (c == ' ') {
        b.append('-');
      }
    }
    return b.toString();
  }

  /**
   * Every heading of a parsed document with its anchor, in document order; a repeated heading
   * gets {@code -1}, {@code -2}, ... as on GitHub.
   */
  public static Map<Heading, String> byHeading(Node document) {
    Map<Heading, String> anchors = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(Heading heading) {
        String base = slug(textOf(heading));
        int n = seen.merge(base, 1, Integer::sum);
        anchors.put(heading, n == 1 ? base : base + "-" + (n - 1));
      }
    });
    return anchors;
  }

  /** The plain text of a node and its children (a heading's words). */
  public static String textOf(Node node) {
    return Markdown.plainText(node);
  }
}
