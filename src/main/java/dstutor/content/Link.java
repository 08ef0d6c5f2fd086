package dstutor.content;

import java.nio.file.Path;

/**
 * A link in a page's text. {@code destination} is as written ({@code ../patterns/quorum.md#x});
 * {@link #target} says which page and heading it points to.
 *
 * @param line the link's line in the page file (1-based)
 */
public record Link(String text, String destination, int line) {

  /** Whether this link leaves the course (a URL with a scheme, such as https:). */
  public boolean external() {
    return isExternal(destination);
  }

  static boolean isExternal(String destination) {
    int colon = destination.indexOf(':');
    int slash = destination.indexOf('/');
    return colon > 0 && (slash < 0 || colon < slash);
  }

  /**
   * Where a link written on a page of kind {@code from} with id {@code fromId} points, or null for
   * an external link. A relative path outside {@code systems/} and {@code patterns/}, or not ending
   * in {@code .md}, gives a target with a null kind.
   */
  public static Target resolve(Kind from, String fromId, String destination) {
    if (isExternal(destination)) {
      return null;
    }
    int hash = destination.indexOf('#');
    String path = hash < 0 ? destination : destination.substring(0, hash);
    String anchor = hash < 0 ? "" : destination.substring(hash + 1);
    if (path.isEmpty()) {
      return new Target(from, fromId, anchor, from.folder() + "/" + fromId + ".md");
    }
    Path rel;
    try {
      rel = Path.of(from.folder()).resolve(path).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      return new Target(null, null, anchor, path);
    }
    String relText = rel.toString().replace('\\', '/');
    if (rel.getNameCount() == 2 && relText.endsWith(".md")) {
      Kind kind = Kind.ofFolder(rel.getName(0).toString());
      String name = rel.getName(1).toString();
      if (kind != null) {
        return new Target(kind, name.substring(0, name.length() - 3), anchor, relText);
      }
    }
    return new Target(null, null, anchor, relText);
  }

  /**
   * A page (and heading) inside the course. {@code path} is relative to {@code content/};
   * {@code kind} and {@code pageId} are null when the path is not a page.
   */
  public record Target(Kind kind, String pageId, String anchor, String path) {
    public boolean isPage() {
      return kind != null;
    }

    /** What {@code dstutor read} takes: {@code quorum} or {@code quorum#sloppy-quorums}. */
    public String readTarget() {
      return anchor.isEmpty() ? pageId : pageId + "#" + anchor;
    }
  }
}
