package dstutor.content;

/**
 * One heading of a page and the text under it up to the next heading of any level: the unit that
 * search ranks. {@code parent} is the enclosing H2 heading of an H3 (empty for an H2).
 *
 * @param line the heading's line in the page file (1-based)
 */
public record Section(String pageId, String pageTitle, int level, String heading, String parent,
    String anchor, String text, int line) {

  /** What {@code dstutor read} takes to show this section. */
  public String readTarget() {
    return pageId + "#" + anchor;
  }
}
