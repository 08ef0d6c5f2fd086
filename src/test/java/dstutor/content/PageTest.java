package dstutor.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing one page: front matter checks with file:line, sections, anchors and links. */
class PageTest {
  static final Path SYSTEM = Path.of("content", "systems", "demo.md");
  static final Path PATTERN = Path.of("content", "patterns", "demo.md");
  static final String COMPARE = "compare:\n"
      + "  consistency: {claim: \"c\", see: \"#a\"}\n"
      + "  availability: {claim: \"a\", see: \"#a\"}\n"
      + "  replication: {claim: \"r\", see: \"#a\"}\n"
      + "  partitioning: {claim: \"p\", see: \"#a\"}\n"
      + "  failure-detection: {claim: \"f\", see: \"#a\"}\n"
      + "  coordination: {claim: \"o\", see: \"#a\"}\n"
      + "  storage: {claim: \"s\", see: \"#a\"}\n";

  static List<String> problems(Path file, String text) {
    return assertThrows(ContentException.class, () -> Page.parse(file, text)).problems();
  }

  @Test
  void readsFrontMatterAndBody() {
    Page p = Page.parse(SYSTEM, "---\nid: demo\ntitle: \"Demo\"\nkind: system\n"
        + "related: [quorum]\nsources:\n  - \"A paper.\"\n" + COMPARE + "---\n# Demo\n\n## A\n\n"
        + "Text with a [link](../patterns/quorum.md#sloppy-quorums).\n");
    assertEquals("demo", p.id());
    assertEquals(Kind.SYSTEM, p.kind());
    assertEquals(List.of("quorum"), p.related());
    assertEquals(List.of("A paper."), p.sources());
    assertEquals("c", p.compare().get("consistency").claim());
    assertEquals("#a", p.compare().get("storage").see());
    Link l = p.links().get(0);
    assertEquals(21, l.line());
    assertEquals("link", l.text());
    assertEquals("quorum#sloppy-quorums", Link.resolve(p.kind(), p.id(), l.destination())
        .readTarget());
  }

  @Test
  void sectionsCarryAnchorsParentsAndLines() {
    Page p = Page.parse(PATTERN, "---\nid: demo\ntitle: Demo\nkind: pattern\nrelated: []\n"
        + "sources: [x]\n---\n# Demo\n\n## The mechanism\n\nIntro.\n\n### Timers, not wall clocks\n"
        + "\nUse *monotonic* time.\n\n## Notes\n\n## Notes\n");
    List<Section> s = p.sections();
    assertEquals(List.of("the-mechanism", "timers-not-wall-clocks", "notes", "notes-1"),
        s.stream().map(Section::anchor).toList());
    assertEquals("The mechanism", s.get(1).parent());
    assertEquals("", s.get(0).parent());
    assertEquals("Intro.", s.get(0).text());
    assertEquals("Use monotonic time.", s.get(1).text());
    assertEquals(14, s.get(1).line());
    assertEquals("demo#timers-not-wall-clocks", s.get(1).readTarget());
    assertTrue(p.anchors().contains("demo"));
    assertEquals("Timers, not wall clocks", p.headingOf("timers-not-wall-clocks"));
    assertNull(p.headingOf("nope"));
  }

  @Test
  void missingKeysAreNamedWithTheirLine() {
    List<String> p = problems(PATTERN, "---\nid: demo\ntitle: Demo\nkind: pattern\n---\n# Demo\n");
    assertEquals(List.of(PATTERN + ":2:1: missing front-matter key 'related' (a list, may be"
        + " empty: [])", PATTERN + ":2:1: missing front-matter key 'sources' (a list)"), p);
  }

  @Test
  void wrongIdKindAndUnknownKeysAreReported() {
    List<String> p = problems(PATTERN, "---\nid: other\ntitle: Demo\nkind: system\nrelated: []\n"
        + "sources: [x]\nauthor: me\n---\n");
    assertEquals(List.of(
        PATTERN + ":7:1: unknown front-matter key 'author'; the keys are id, title, kind, related,"
            + " sources, compare",
        PATTERN + ":2:5: id 'other' must equal the file name 'demo'",
        PATTERN + ":4:7: kind 'system' does not match the folder patterns/ (move the page or set"
            + " kind: pattern)",
        PATTERN + ":2:1: a system page needs 'compare' with consistency, availability,"
            + " replication, partitioning, failure-detection, coordination, storage"), p);
  }

  @Test
  void systemPagesNeedEveryCompareKeyWithShortClaims() {
    String text = "---\nid: demo\ntitle: Demo\nkind: system\nrelated: []\nsources: [x]\n"
        + COMPARE.replace("  storage: {claim: \"s\", see: \"#a\"}\n", "")
            .replace("claim: \"c\"", "claim: \"" + "c".repeat(111) + "\"")
            .replace("see: \"#a\"}\n  availability", "see: \"a\"}\n  availability")
        + "---\n";
    List<String> p = problems(SYSTEM, text);
    assertEquals(List.of(
        SYSTEM + ":8:16: compare.consistency claim is 111 characters; keep it to 110",
        SYSTEM + ":8:16: compare.consistency see 'a' must be '#anchor' of a heading on this page",
        SYSTEM + ":7:1: compare has no 'storage' ({claim: \"...\", see: \"#anchor\"})"), p);
  }

  @Test
  void brokenYamlNamesTheLine() {
    List<String> p = problems(PATTERN, "---\nid: demo\ntitle: [unclosed\nkind: pattern\n---\n");
    assertEquals(1, p.size());
    assertTrue(p.get(0).startsWith(PATTERN + ":"), p.get(0));
    assertTrue(p.get(0).contains("not valid YAML"), p.get(0));
  }

  @Test
  void yamlErrorsNameTheLineAndColumnInThePage() {
    String head = "---\nid: demo\ntitle: Demo\nkind: pattern\nrelated: []\nsources: [x]\n";
    // SnakeYAML's own place, not where Jackson's last token ended (the line before).
    assertEquals(List.of(PATTERN + ":7:1: front matter: not valid YAML: while scanning for the"
        + " next token, found character '\\t(TAB)' that cannot start any token. (Do not use"
        + " \\t(TAB) for indentation) (check the indentation and that every key is followed by"
        + " ': ')"), problems(PATTERN, head + "\tx: 1\n---\n"));
    assertEquals(List.of(PATTERN + ":7:1004: front matter: Document nesting depth (1001) exceeds"
        + " the maximum allowed (1000); no course file needs that much: simplify it"),
        problems(PATTERN, head + "x: " + "[".repeat(10_000) + "\n---\n"));
  }

  @Test
  void hugeValuesAreQuotedShort() {
    String p = problems(PATTERN, "---\nid: demo\ntitle: Demo\nkind: " + "k".repeat(30_000)
        + "\nrelated: []\nsources: [x]\n---\n").get(0);
    assertEquals(PATTERN + ":4:7: kind '" + "k".repeat(80) + "... (30000 characters)' must be"
        + " 'system' or 'pattern'", p);
    // Over the cap of a value, the file is refused as broken.
    p = problems(PATTERN, "---\nid: demo\ntitle: Demo\nkind: " + "k".repeat(2_000_000)
        + "\nrelated: []\nsources: [x]\n---\n").get(0);
    assertEquals(PATTERN + ":4:7: front matter: a value of 2000000 characters; values in a"
        + " course file are at most 40000 (did the file lose its line breaks?)", p);
  }

  @Test
  void markupNestedBeyondTheLimitIsAProblemNotACrash() {
    String head = "---\nid: demo\ntitle: Demo\nkind: pattern\nrelated: []\nsources: [x]\n---\n";
    assertEquals(List.of(PATTERN + ":10: quotes, lists or markup are nested more than 50 levels"
        + " deep here; flatten them"), problems(PATTERN, head + "# Demo\n\n" + ">".repeat(10_000)
        + " deep\n"));
    Page ok = Page.parse(PATTERN, head + "# Demo\n\n" + ">".repeat(20) + " deep\n");
    assertEquals("demo", ok.id());
  }

  @Test
  void bytesThatAreNotUtf8AreShownReplacedAndReported(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("content/patterns/demo.md");
    Files.createDirectories(file.getParent());
    byte[] head = ("---\nid: demo\ntitle: Demo\nkind: pattern\nrelated: []\nsources: [x]\n"
        + "---\n# Demo\n\nSum").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(head);
    b.writeBytes(new byte[] {(byte) 0xC3, 0x28});
    b.writeBytes(" them.\n".getBytes(StandardCharsets.UTF_8));
    Files.write(file, b.toByteArray());
    Page p = Page.load(file);
    assertEquals("Sum\uFFFD( them.", Markdown.plainText(p.document().getLastChild()));
    assertEquals(file + ":10:4: byte 0xC3 is not UTF-8; save the file as UTF-8 and retype the"
        + " character here", p.badBytes().orElseThrow());
  }

  @Test
  void aPageWithoutFrontMatterIsRejected() {
    assertEquals(List.of(PATTERN + ":1: a page must start with YAML front matter between two"
        + " '---' lines (id, title, kind, related, sources)"), problems(PATTERN, "# Demo\n"));
    assertEquals(List.of(PATTERN + ":1: the front matter that opens here has no closing '---'"
        + " line; end it with a line holding only ---"),
        problems(PATTERN, "---\nid: demo\n"));
  }

  @Test
  void linksResolveRelativeToTheirFolder() {
    assertEquals(new Link.Target(Kind.PATTERN, "quorum", "x", "patterns/quorum.md"),
        Link.resolve(Kind.SYSTEM, "dynamo", "../patterns/quorum.md#x"));
    assertEquals(new Link.Target(Kind.PATTERN, "lease", "", "patterns/lease.md"),
        Link.resolve(Kind.PATTERN, "quorum", "lease.md"));
    assertEquals(new Link.Target(Kind.SYSTEM, "dynamo", "summary", "systems/dynamo.md"),
        Link.resolve(Kind.SYSTEM, "dynamo", "#summary"));
    assertNull(Link.resolve(Kind.SYSTEM, "dynamo", "https://example.org/a.pdf"));
    assertEquals(null, Link.resolve(Kind.SYSTEM, "dynamo", "../../README.md").kind());
  }

  @Test
  void readTargetsAreNormalised() {
    assertEquals(List.of("quorum", "sloppy-quorums"),
        List.of(Pages.splitTarget("content/patterns/quorum.md#sloppy-quorums")));
    assertEquals(List.of("dynamo", ""), List.of(Pages.splitTarget("Dynamo")));
    assertEquals(List.of("gfs", ""), List.of(Pages.splitTarget("gfs.md")));
  }
}
