package dstutor.content;

import dstutor.content.FrontMatter.Claim;
import dstutor.yaml.Caps;
import dstutor.yaml.SourceText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;

/**
 * One parsed page: its front matter, its Markdown document, the sections under its headings and
 * the links in its text. Immutable once loaded.
 */
public final class Page {
  private final Path file;
  private final FrontMatter meta;
  private final Node document;
  private final int bodyLine;
  private final Map<Heading, String> anchors;
  private final List<Section> sections;
  private final List<Link> links;
  private final String badBytes;

  private Page(Path file, FrontMatter meta, Node document, int bodyLine, String badBytes) {
    this.file = file;
    this.badBytes = badBytes;
    this.meta = meta;
    this.document = document;
    this.bodyLine = bodyLine;
    this.anchors = Collections.unmodifiableMap(Anchors.byHeading(document));
    this.sections = List.copyOf(buildSections());
    this.links = List.copyOf(buildLinks());
  }

  /**
   * Reads and parses the page in {@code file} ({@code .../systems/<id>.md}); throws if broken.
   * Bytes that are not UTF-8 show as U+FFFD, so that the page can still be read; {@link
   * #badBytes()} says where, for the content check.
   */
  public static Page load(Path file) {
    SourceText source;
    try {
      source = SourceText.read(file);
    } catch (IOException e) {
      throw new ContentException(List.of(file + ": cannot read the page (" + e.getMessage()
          + "); check that it is a readable file"));
    }
    return parse(file, source.text(), source.valid() ? null : source.badBytes().toString());
  }

  /** Parses {@code text} as the page in {@code file} (the path gives the expected id and kind). */
  public static Page parse(Path file, String text) {
    return parse(file, text, null);
  }

  private static Page parse(Path file, String text, String badBytes) {
    FrontMatter.Split split = FrontMatter.split(file, text.replace("\r\n", "\n"));
    FrontMatter meta = FrontMatter.parse(file, split.yaml());
    Node document = Markdown.parse(split.body());
    Node deep = Markdown.deeperThan(document, Markdown.MAX_DEPTH);
    if (deep != null) {
      int i = Markdown.lineIndex(deep);
      throw new ContentException(List.of(file + ":" + (i < 0 ? 1 : split.bodyLine() + i)
          + ": quotes, lists or markup are nested more than " + Markdown.MAX_DEPTH + " levels deep"
          + " here; flatten them"));
    }
    return new Page(file, meta, document, split.bodyLine(), badBytes);
  }

  /** Where the file has its first byte that is not UTF-8, as {@code file:line:column: ...}. */
  public Optional<String> badBytes() {
    return Optional.ofNullable(badBytes);
  }

  public String id() {
    return meta.id();
  }

  /** The title to show: the front matter's, cut to {@link Caps#TITLE}. */
  public String title() {
    return Caps.clip(meta.title(), Caps.TITLE);
  }

  /** The front matter's title, whole (for the content check). */
  String fullTitle() {
    return meta.title();
  }

  public Kind kind() {
    return meta.kind();
  }

  public List<String> related() {
    return meta.related();
  }

  public List<String> sources() {
    return meta.sources();
  }

  /** A system page's compared aspects in {@link FrontMatter#COMPARE_KEYS} order; empty otherwise. */
  public Map<String, Claim> compare() {
    return meta.compare();
  }

  public Path file() {
    return file;
  }

  /** The parsed body (front matter removed). Do not modify it. */
  public Node document() {
    return document;
  }

  /** The file line (1-based) of a node of {@link #document()}, or 0 if unknown. */
  public int lineOf(Node node) {
    int i = Markdown.lineIndex(node);
    return i < 0 ? 0 : bodyLine + i;
  }

  /** Every heading anchor of the page, the title's included, in order. */
  public Set<String> anchors() {
    return new LinkedHashSet<>(anchors.values());
  }

  /** Every heading of the page with its anchor, in order. */
  public Map<Heading, String> headings() {
    return anchors;
  }

  /** The sections under the H2 and deeper headings, in page order. */
  public List<Section> sections() {
    return sections;
  }

  public Optional<Section> section(String anchor) {
    return sections.stream().filter(s -> s.anchor().equals(anchor)).findFirst();
  }

  /** The links in the page's text, in order. */
  public List<Link> links() {
    return links;
  }

  /**
   * The top-level blocks of the section with this anchor: its heading and everything up to the
   * next heading of the same or a higher level. The title's anchor gives the whole page; an
   * unknown anchor gives an empty list.
   */
  public List<Node> blocks(String anchor) {
    List<Node> out = new ArrayList<>();
    int level = 0;
    for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Heading h) {
        if (level > 0 && h.getLevel() <= level) {
          break;
        }
        if (level == 0 && anchor.equals(anchors.get(h))) {
          level = h.getLevel();
        }
      }
      if (level > 0) {
        out.add(n);
      }
    }
    return out;
  }

  /** The heading text of an anchor, or null. */
  public String headingOf(String anchor) {
    for (Map.Entry<Heading, String> e : anchors.entrySet()) {
      if (e.getValue().equals(anchor)) {
        return Caps.clip(Anchors.textOf(e.getKey()), Caps.HEADING);
      }
    }
    return null;
  }

  private List<Section> buildSections() {
    List<Section> out = new ArrayList<>();
    Heading current = null;
    String parent = "";
    StringBuilder text = new StringBuilder();
    for (Node n = document.getFirstChild(); ; n = n.getNext()) {
      if (n == null || n instanceof Heading) {
        if (current != null) {
          out.add(new Section(id(), title(), current.getLevel(),
              Caps.clip(Anchors.textOf(current), Caps.HEADING),
              current.getLevel() > 2 ? Caps.clip(parent, Caps.HEADING) : "", anchors.get(current),
              text.toString().strip(), lineOf(current)));
        }
        if (n == null) {
          break;
        }
        Heading h = (Heading) n;
        text.setLength(0);
        current = h.getLevel() >= 2 ? h : null;
        if (h.getLevel() == 2) {
          parent = Anchors.textOf(h);
        }
        continue;
      }
      if (current != null) {
        text.append(Markdown.plainText(n)).append('\n');
      }
    }
    return out;
  }

  private List<Link> buildLinks() {
    List<Link> out = new ArrayList<>();
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(org.commonmark.node.Link link) {
        out.add(new Link(Markdown.plainText(link), link.getDestination(), lineOf(link)));
        visitChildren(link);
      }
    });
    return out;
  }

  @Override
  public String toString() {
    return "Page[" + id() + "]";
  }
}
