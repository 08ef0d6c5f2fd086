package dstutor.content;

import dstutor.content.FrontMatter.Claim;
import dstutor.yaml.Caps;
import dstutor.yaml.Problem;
import dstutor.yaml.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.BulletList;
import org.commonmark.node.Heading;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;

/**
 * Checks pages against the page format: the required sections in order, links and anchors that
 * resolve, compare claims backed by a heading, and a graph in which a pattern lists a system if
 * and only if the system lists the pattern. Each check returns problems as {@code file:line:
 * message}; an empty list means the check passed.
 */
public final class ContentCheck {
  /** The H2 headings of a system page, in order (other H2s may sit between them). */
  public static final List<String> SYSTEM_SECTIONS = List.of("Summary", "The problem",
      "Design decisions", "Reads and writes", "When things fail", "Patterns used",
      "Numbers worth knowing", "Interview questions", "Sources");
  /** The H2 headings of a pattern page, in order (other H2s may sit between them). */
  public static final List<String> PATTERN_SECTIONS = List.of("Summary", "The problem",
      "The mechanism", "A worked example", "Trade-offs and failure modes", "In the seven systems",
      "Related patterns", "Practise it", "Sources");
  private static final Pattern SHOW = Pattern.compile("dstutor show ([a-z0-9-]+)");

  private ContentCheck() {}

  /** Every check on every page of {@code pages}; {@code exercises} are the course's exercise ids. */
  public static List<String> all(Pages pages, Set<String> exercises) {
    List<String> problems = new ArrayList<>(duplicates(pages));
    List<Page> all;
    try {
      all = pages.all();
    } catch (ContentException e) {
      problems.addAll(e.problems());
      return problems;
    }
    for (Page p : all) {
      p.badBytes().ifPresent(problems::add);
      problems.addAll(lengths(p));
      problems.addAll(opensWithSummary(p));
      problems.addAll(requiredSections(p));
      problems.addAll(links(p, pages));
      problems.addAll(compareAnchors(p));
      problems.addAll(sourcesListed(p));
      problems.addAll(practise(p, exercises));
    }
    problems.addAll(graph(all));
    // A page's text is quoted in places; a huge heading must not make a huge report line.
    return problems.stream().map(p -> Problem.clip(p, ContentException.MAX_PROBLEM)).toList();
  }

  /** A page id must be unique across systems/ and patterns/. */
  public static List<String> duplicates(Pages pages) {
    List<String> out = new ArrayList<>();
    for (Path p : Pages.list(pages.dir().resolve(Kind.PATTERN.folder()))) {
      Path system = pages.dir().resolve(Kind.SYSTEM.folder()).resolve(p.getFileName());
      if (Files.exists(system)) {
        out.add(p + ":1: id '" + Pages.idOf(p) + "' is also " + system + "; ids must be unique");
      }
    }
    return out;
  }

  /**
   * The title and every heading within their {@link Caps}: text over one is shown cut, so it is
   * a mistake to fix (most often a line that lost its line break).
   */
  public static List<String> lengths(Page page) {
    List<String> out = new ArrayList<>();
    String title = page.fullTitle();
    if (title != null && title.length() > Caps.TITLE) {
      out.add(page.file() + ":" + frontMatterLine(page, "title") + ": the title '"
          + Problem.quote(title) + "' is over " + Caps.TITLE + " characters, and shown cut;"
          + " shorten it");
    }
    for (Heading h : page.headings().keySet()) {
      String text = Anchors.textOf(h);
      if (text.length() > Caps.HEADING) {
        out.add(at(page, h) + "the heading '" + Problem.quote(text) + "' is over "
            + Caps.HEADING + " characters, and shown cut; shorten it (or give it the line break"
            + " it lost)");
      }
    }
    return out;
  }

  /** The page's first block is its title as an H1 and the next is {@code ## Summary}. */
  public static List<String> opensWithSummary(Page page) {
    List<String> out = new ArrayList<>();
    Node first = page.document().getFirstChild();
    if (!(first instanceof Heading h1) || h1.getLevel() != 1) {
      out.add(at(page, first) + "the page must start with its title as '# "
          + Problem.quote(page.title()) + "'");
      return out;
    }
    if (!Anchors.textOf(h1).equals(page.fullTitle())) {
      out.add(at(page, h1) + "the title heading '" + Problem.quote(Anchors.textOf(h1))
          + "' differs from front-matter title '" + Problem.quote(page.title()) + "'");
    }
    Node second = h1.getNext();
    if (!(second instanceof Heading h2) || h2.getLevel() != 2
        || !Anchors.textOf(h2).equals("Summary")) {
      out.add(at(page, second == null ? h1 : second) + "the page must open with '## Summary'"
          + " right after its title");
    }
    return out;
  }

  /** The required H2 headings of the page's kind are there, once each, in order. */
  public static List<String> requiredSections(Page page) {
    List<String> required = page.kind() == Kind.SYSTEM ? SYSTEM_SECTIONS : PATTERN_SECTIONS;
    List<String> h2 = new ArrayList<>();
    for (Heading h : page.headings().keySet()) {
      if (h.getLevel() == 2) {
        h2.add(Anchors.textOf(h));
      }
    }
    List<String> out = new ArrayList<>();
    int last = -1;
    for (String r : required) {
      int at = h2.indexOf(r);
      if (at < 0) {
        out.add(page.file() + ":1: missing section '## " + r + "' (a " + page.kind().word()
            + " page has " + String.join(", ", required) + ", in that order)");
      } else if (at < last) {
        out.add(page.file() + ":" + line(page, r) + ": '## " + r + "' is out of order (a "
            + page.kind().word() + " page has " + String.join(", ", required)
            + ", in that order)");
      } else if (h2.lastIndexOf(r) != at) {
        out.add(page.file() + ":" + line(page, r) + ": '## " + r + "' appears twice");
      }
      last = Math.max(last, at);
    }
    return out;
  }

  /** Every link leads somewhere: a page and heading of the course, or a URL. */
  public static List<String> links(Page page, Pages pages) {
    List<String> out = new ArrayList<>();
    for (Link l : page.links()) {
      String bad = resolveProblem(page, l.destination(), pages);
      if (bad != null) {
        out.add(page.file() + ":" + l.line() + ": link [" + Problem.quote(l.text()) + "]("
            + Problem.quote(l.destination()) + ") " + bad);
      }
    }
    return out;
  }

  private static String resolveProblem(Page page, String destination, Pages pages) {
    Link.Target t = Link.resolve(page.kind(), page.id(), destination);
    if (t == null) {
      return null;
    }
    if (!t.isPage()) {
      Path file = page.file().getParent().resolve(destination.replaceFirst("#.*", ""));
      return Files.exists(file) ? null : "leads to " + t.path() + ", which does not exist";
    }
    Page target;
    try {
      target = t.pageId().equals(page.id()) ? page : pages.find(t.pageId()).orElse(null);
    } catch (ContentException e) {
      return "leads to " + t.path() + ", which does not load";
    }
    if (target == null || target.kind() != t.kind()) {
      return "leads to " + t.path() + ", which does not exist";
    }
    if (!t.anchor().isEmpty() && !target.anchors().contains(t.anchor())) {
      String close = closest(t.anchor(), target.anchors());
      return "leads to #" + t.anchor() + ", which is no heading of " + t.path()
          + (close != null ? "; did you mean #" + close + "?" : "");
    }
    return null;
  }

  /**
   * A hint's {@code see:} (a path from the course root, such as {@code
   * content/patterns/quorum.md#sloppy-quorums}) leads to a page and heading; null if it does.
   */
  public static String seeProblem(Path courseRoot, String see) {
    return new Links().seeProblem(courseRoot, see);
  }

  /**
   * {@link #seeProblem} for many links, each page loaded once: a course check follows hundreds of
   * links into a few dozen pages (and a broken 2 MB page took half a second a link). Use one for
   * one check; it does not see a page edited after it loaded it.
   */
  public static final class Links {
    /** The anchors of each page loaded; empty when the page does not load. */
    private final Map<Path, Optional<Set<String>>> anchors = new HashMap<>();

    public String seeProblem(Path courseRoot, String see) {
      int hash = see.indexOf('#');
      String path = hash < 0 ? see : see.substring(0, hash);
      String anchor = hash < 0 ? "" : see.substring(hash + 1);
      Path file = courseRoot.resolve(path).normalize();
      if (!file.startsWith(courseRoot.normalize()) || !Files.isRegularFile(file)) {
        return "see: '" + see + "' leads to " + Problem.quote(path) + ", which does not exist";
      }
      if (anchor.isEmpty() || !path.endsWith(".md")) {
        return null;
      }
      Optional<Set<String>> found = anchors.computeIfAbsent(file, f -> {
        try {
          return Optional.of(Page.load(f).anchors());
        } catch (ContentException e) {
          return Optional.empty();
        }
      });
      if (found.isEmpty()) {
        // The page's own problems are reported with the page; repeating them here would nest.
        return "see: '" + see + "' leads to " + Problem.quote(path) + ", which does not load"
            + " (`dstutor read " + Pages.idOf(file) + "` says why)";
      }
      if (found.get().contains(anchor)) {
        return null;
      }
      String close = closest(anchor, found.get());
      return "see: '" + see + "': " + path + " has no heading #" + anchor
          + (close != null ? "; did you mean #" + close + "?" : "");
    }
  }

  /** Each compare claim's {@code see} is a heading of the same page. */
  public static List<String> compareAnchors(Page page) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Claim> e : page.compare().entrySet()) {
      String anchor = e.getValue().see().substring(1);
      if (!page.anchors().contains(anchor)) {
        String close = closest(anchor, page.anchors());
        out.add(page.file() + ":" + frontMatterLine(page, e.getKey()) + ": compare." + e.getKey()
            + " see '#" + anchor + "' is no heading of this page"
            + (close != null ? "; did you mean #" + close + "?" : ""));
      }
    }
    return out;
  }

  /** The Sources section is a list of as many entries as front matter {@code sources}. */
  public static List<String> sourcesListed(Page page) {
    List<Node> blocks = page.blocks("sources");
    int items = 0;
    for (Node n : blocks) {
      if (n instanceof BulletList || n instanceof OrderedList) {
        for (Node i = n.getFirstChild(); i != null; i = i.getNext()) {
          items += i instanceof ListItem ? 1 : 0;
        }
      }
    }
    if (blocks.isEmpty() || items == page.sources().size()) {
      return List.of();
    }
    return List.of(page.file() + ":" + page.lineOf(blocks.get(0)) + ": '## Sources' lists "
        + items + " entries but the front matter has " + page.sources().size()
        + "; keep the two the same");
  }

  /**
   * A pattern page's "Practise it" names only exercises of the course ({@code dstutor show id});
   * a pattern without one says so.
   */
  public static List<String> practise(Page page, Set<String> exercises) {
    if (page.kind() != Kind.PATTERN) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Node n : page.blocks("practise-it")) {
      Matcher m = SHOW.matcher(Markdown.plainText(n));
      while (m.find()) {
        if (!exercises.contains(m.group(1))) {
          out.add(page.file() + ":" + page.lineOf(n) + ": 'dstutor show " + m.group(1)
              + "' names no exercise of the course");
        }
      }
    }
    return out;
  }

  /**
   * The graph holds together: every related id is a page; a pattern lists a system if and only
   * if the system lists the pattern; a system's "Patterns used" links every pattern it lists; a
   * pattern's "In the seven systems" links every system page.
   */
  public static List<String> graph(List<Page> pages) {
    List<String> out = new ArrayList<>();
    Map<String, Page> byId = new java.util.LinkedHashMap<>();
    for (Page p : pages) {
      byId.put(p.id(), p);
    }
    for (Page p : pages) {
      for (String r : p.related()) {
        Page other = byId.get(r);
        if (other == null) {
          out.add(p.file() + ":" + frontMatterLine(p, "related") + ": related '" + r
              + "' is not a page");
        } else if (p.kind() == Kind.SYSTEM && other.kind() == Kind.SYSTEM) {
          out.add(p.file() + ":" + frontMatterLine(p, "related") + ": a system page lists only"
              + " the patterns it uses in related, not the system '" + r + "'");
        } else if (p.kind() != other.kind() && !other.related().contains(p.id())) {
          out.add(p.file() + ":" + frontMatterLine(p, "related") + ": related lists '" + r
              + "' but " + other.file().getFileName() + " does not list '" + p.id() + "'");
        }
      }
      Kind otherKind = p.kind() == Kind.SYSTEM ? Kind.PATTERN : Kind.SYSTEM;
      String section = p.kind() == Kind.SYSTEM ? "patterns-used" : "in-the-seven-systems";
      Set<String> linked = new HashSet<>();
      for (Node n : p.blocks(section)) {
        for (Link l : linksIn(p, n)) {
          Link.Target t = Link.resolve(p.kind(), p.id(), l.destination());
          if (t != null && t.isPage()) {
            linked.add(t.pageId());
          }
        }
      }
      List<String> expected = new ArrayList<>();
      if (p.kind() == Kind.SYSTEM) {
        expected.addAll(p.related());
      } else {
        for (Page q : pages) {
          if (q.kind() == Kind.SYSTEM) {
            expected.add(q.id());
          }
        }
      }
      for (String e : expected) {
        Page other = byId.get(e);
        if (other != null && other.kind() == otherKind && !linked.contains(e)) {
          out.add(p.file() + ":" + line(p, p.headingOf(section)) + ": '## "
              + p.headingOf(section) + "' does not link " + other.file().getFileName());
        }
      }
    }
    return out;
  }

  private static List<Link> linksIn(Page page, Node block) {
    List<Link> out = new ArrayList<>();
    block.accept(new org.commonmark.node.AbstractVisitor() {
      @Override
      public void visit(org.commonmark.node.Link link) {
        out.add(new Link(Markdown.plainText(link), link.getDestination(), page.lineOf(link)));
      }
    });
    return out;
  }

  private static String at(Page page, Node node) {
    return page.file() + ":" + (node == null ? 1 : Math.max(1, page.lineOf(node))) + ": ";
  }

  /** The line of the H2 with this text, or 1. */
  private static int line(Page page, String heading) {
    for (Heading h : page.headings().keySet()) {
      if (h.getLevel() == 2 && Anchors.textOf(h).equals(heading)) {
        return page.lineOf(h);
      }
    }
    return 1;
  }

  private static int frontMatterLine(Page page, String key) {
    try {
      List<String> lines = SourceText.read(page.file()).text().lines().toList();
      for (int i = 1; i < lines.size(); i++) {
        if (lines.get(i).stripLeading().startsWith(key + ":")) {
          return i + 1;
        }
      }
    } catch (java.io.IOException e) {
      // fall through: the file was readable a moment ago; the line is only a pointer
    }
    return 1;
  }

  private static String closest(String typed, Set<String> candidates) {
    return dstutor.yaml.Suggest.closest(typed, candidates);
  }
}
