package dstutor.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commonmark.node.BulletList;
import org.commonmark.node.Heading;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;

/**
 * What the one-screen cards ({@code dstutor pattern}, {@code system}, {@code where}) show, read
 * from the pages themselves so that a card never says what its page does not: the first
 * paragraph of a section, the bold lead-ins of a list, and the "one line per system" lists that
 * every pattern page ("In the seven systems") and system page ("Patterns used") has.
 */
public final class Cards {
  private Cards() {}

  /**
   * One line of a list that names another page: a pattern's use in a system, or a system's use of
   * a pattern. {@code read} is what {@code dstutor read} takes to show where that page says more.
   */
  public record Use(String id, String title, String how, String read) {}

  /** Plain text of the first paragraph under the heading with this anchor, or "". */
  public static String firstParagraph(Page page, String anchor) {
    for (Node n : page.blocks(anchor)) {
      if (n instanceof Paragraph) {
        return oneLine(Markdown.plainText(n));
      }
    }
    return "";
  }

  /**
   * The bold lead-ins of the list items under the heading ("Term length", "Process pauses"), or,
   * for items without one, each item's first sentence.
   */
  public static List<String> leadIns(Page page, String anchor) {
    List<String> out = new ArrayList<>();
    for (Node n : page.blocks(anchor)) {
      if (!(n instanceof BulletList list)) {
        continue;
      }
      for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
        Node para = item.getFirstChild();
        Node first = para == null ? null : para.getFirstChild();
        String text = first instanceof StrongEmphasis ? Markdown.plainText(first)
            : firstSentence(para == null ? "" : oneLine(Markdown.plainText(para)));
        text = text.strip();
        if (text.endsWith(".")) {
          text = text.substring(0, text.length() - 1);
        }
        if (!text.isEmpty()) {
          out.add(text);
        }
      }
    }
    return out;
  }

  /**
   * The items of the list under {@code anchor} whose first link is a page of {@code kind}: the
   * page, its title, the item's text after "Title: ", and a read target (the link's own section
   * if it names one, else the first section of that page whose text links back to {@code page}).
   */
  public static List<Use> uses(Page page, String anchor, Kind kind, Pages pages) {
    List<Use> out = new ArrayList<>();
    for (Node n : page.blocks(anchor)) {
      if (!(n instanceof BulletList list)) {
        continue;
      }
      for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
        if (!(item instanceof ListItem)) {
          continue;
        }
        org.commonmark.node.Link link = firstLink(item);
        if (link == null) {
          continue;
        }
        Link.Target t = Link.resolve(page.kind(), page.id(), link.getDestination());
        if (t == null || !t.isPage()) {
          continue;
        }
        Optional<Page> other = find(pages, t.pageId());
        if (other.isEmpty() || other.get().kind() != kind) {
          continue;
        }
        String text = oneLine(Markdown.plainText(item));
        String title = Markdown.plainText(link);
        String how = text.startsWith(title + ":") ? text.substring(title.length() + 1).strip()
            : text;
        String section = t.anchor() == null || t.anchor().isEmpty()
            ? sectionLinking(other.get(), page.id()) : t.anchor();
        out.add(new Use(other.get().id(), other.get().title(), how,
            other.get().id() + (section == null ? "" : "#" + section)));
      }
    }
    return out;
  }

  /**
   * The anchor of the first section of {@code page} whose text links to page {@code target},
   * leaving out the summary and the "Patterns used" list (they only name it), or null.
   */
  static String sectionLinking(Page page, String target) {
    List<Section> sections = page.sections();
    String found = null;
    for (Link l : page.links()) {
      Link.Target t = Link.resolve(page.kind(), page.id(), l.destination());
      if (t == null || !t.isPage() || !t.pageId().equals(target)) {
        continue;
      }
      Section in = null;
      for (Section s : sections) {
        if (s.line() <= l.line()) {
          in = s;
        }
      }
      if (in == null || in.anchor().equals("summary") || in.anchor().equals("patterns-used")
          || in.anchor().equals("in-the-seven-systems")) {
        continue;
      }
      found = in.anchor();
      break;
    }
    return found;
  }

  private static Optional<Page> find(Pages pages, String id) {
    try {
      return pages.find(id);
    } catch (ContentException e) {
      return Optional.empty();
    }
  }

  private static org.commonmark.node.Link firstLink(Node node) {
    for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
      if (c instanceof org.commonmark.node.Link l) {
        return l;
      }
      if (c instanceof Heading) {
        continue;
      }
      org.commonmark.node.Link inner = firstLink(c);
      if (inner != null) {
        return inner;
      }
    }
    return null;
  }

  /** Text with its line breaks and runs of spaces made single spaces. */
  static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  /** Up to and including the first ". " (or the whole text). */
  public static String firstSentence(String text) {
    int at = text.indexOf(". ");
    return at < 0 ? text : text.substring(0, at + 1);
  }
}
