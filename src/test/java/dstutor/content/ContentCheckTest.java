package dstutor.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks themselves, on small made-up pages: each reports what is wrong, where. */
class ContentCheckTest {
  static final String PATTERN_BODY = "# P\n\n## Summary\n\n## The problem\n\n## The mechanism\n\n"
      + "## A worked example\n\n## Trade-offs and failure modes\n\n## In the seven systems\n\n"
      + "[S](../systems/s.md)\n\n## Related patterns\n\n## Practise it\n\n"
      + "`dstutor show p`\n\n## Sources\n\n- One.\n";
  static final String SYSTEM_BODY = "# S\n\n## Summary\n\n## The problem\n\n## Design decisions\n\n"
      + "## Reads and writes\n\n## When things fail\n\n## Patterns used\n\n[p](../patterns/p.md)\n\n"
      + "## Numbers worth knowing\n\n## Interview questions\n\n## Sources\n\n- One.\n";

  @TempDir
  Path dir;

  Pages write(String pattern, String system) throws IOException {
    Files.createDirectories(dir.resolve("patterns"));
    Files.createDirectories(dir.resolve("systems"));
    Files.writeString(dir.resolve("patterns/p.md"), pattern);
    Files.writeString(dir.resolve("systems/s.md"), system);
    return new Pages(dir);
  }

  static String pattern(String related, String body) {
    return "---\nid: p\ntitle: P\nkind: pattern\nrelated: [" + related + "]\nsources: [One.]\n---\n"
        + body;
  }

  static String system(String related, String body) {
    StringBuilder c = new StringBuilder("compare:\n");
    for (String k : FrontMatter.COMPARE_KEYS) {
      c.append("  ").append(k).append(": {claim: \"x\", see: \"#summary\"}\n");
    }
    return "---\nid: s\ntitle: S\nkind: system\nrelated: [" + related + "]\nsources: [One.]\n"
        + c + "---\n" + body;
  }

  @Test
  void aWellFormedPairPassesEveryCheck() throws IOException {
    Pages pages = write(pattern("s", PATTERN_BODY), system("p", SYSTEM_BODY));
    assertEquals(List.of(), ContentCheck.all(pages, Set.of("p")));
  }

  @Test
  void missingAndMisorderedSections() throws IOException {
    Pages pages = write(pattern("s", PATTERN_BODY.replace("## The problem\n\n", "")
        .replace("## Summary\n\n## The mechanism\n\n", "## Summary\n\n## A worked example\n\n"
            + "## The mechanism\n\n").replaceFirst("## A worked example\n\n## Trade", "## Trade")),
        system("p", SYSTEM_BODY));
    Page p = pages.find("p").orElseThrow();
    String order = "Summary, The problem, The mechanism, A worked example, Trade-offs and failure"
        + " modes, In the seven systems, Related patterns, Practise it, Sources, in that order)";
    assertEquals(List.of(p.file() + ":1: missing section '## The problem' (a pattern page has "
        + order, p.file() + ":12: '## A worked example' is out of order (a pattern page has "
        + order), ContentCheck.requiredSections(p));
  }

  @Test
  void aTitleOrHeadingOverItsCapIsReportedWithItsLine() throws IOException {
    String title = "T".repeat(200);
    String heading = "H".repeat(2 * 1024 * 1024);
    Pages pages = write(pattern("s", PATTERN_BODY.replace("## The problem\n", "## The problem\n\n"
        + "### " + heading + "\n")), system("p", SYSTEM_BODY));
    Page s = pages.find("p").orElseThrow();
    int line = (int) Files.readString(s.file()).lines().takeWhile(l -> !l.startsWith("### HHH"))
        .count() + 1;
    assertEquals(List.of(s.file() + ":" + line + ": the heading '" + "H".repeat(80) + "... ("
        + heading.length() + " characters)' is over 160 characters, and shown cut; shorten it"
        + " (or give it the line break it lost)"), ContentCheck.lengths(s));
    Path file = s.file();
    Files.writeString(file, Files.readString(file).replace("title: ", "title: " + title));
    Page longTitle = Page.load(file);
    assertEquals("T".repeat(159) + "…", longTitle.title().substring(0, 160));
    assertEquals(file + ":3: the title '" + title.substring(0, 80) + "... ("
        + longTitle.fullTitle().length() + " characters)' is over 160 characters, and shown cut;"
        + " shorten it", ContentCheck.lengths(longTitle).get(0));
  }

  @Test
  void summaryMustComeFirst() throws IOException {
    Pages pages = write(pattern("s", "# P\n\nIntro.\n\n" + PATTERN_BODY.substring(5)),
        system("p", SYSTEM_BODY));
    Page p = pages.find("p").orElseThrow();
    assertEquals(List.of(p.file() + ":10: the page must open with '## Summary' right after its"
        + " title"), ContentCheck.opensWithSummary(p));
  }

  @Test
  void brokenLinksAndAnchorsAreNamedWithTheirLine() throws IOException {
    Pages pages = write(pattern("s", PATTERN_BODY + "\nSee [x](../systems/s.md#summry) and"
        + " [y](nope.md) and [z](#sources).\n"), system("p", SYSTEM_BODY));
    Page p = pages.find("p").orElseThrow();
    assertEquals(List.of(
        p.file() + ":34: link [x](../systems/s.md#summry) leads to #summry, which is no heading"
            + " of systems/s.md; did you mean #summary?",
        p.file() + ":34: link [y](nope.md) leads to patterns/nope.md, which does not exist"),
        ContentCheck.links(p, pages));
  }

  @Test
  void anAsymmetricGraphIsReportedFromTheSideThatListsThePair() throws IOException {
    Pages pages = write(pattern("", PATTERN_BODY), system("p", SYSTEM_BODY));
    Page s = pages.find("s").orElseThrow();
    assertEquals(List.of(s.file() + ":5: related lists 'p' but p.md does not list 's'"),
        ContentCheck.graph(pages.all()));
  }

  @Test
  void patternsUsedMustLinkEachPattern() throws IOException {
    Pages pages = write(pattern("s", PATTERN_BODY),
        system("p", SYSTEM_BODY.replace("[p](../patterns/p.md)", "p")));
    Page s = pages.find("s").orElseThrow();
    assertEquals(List.of(s.file() + ":28: '## Patterns used' does not link p.md"),
        ContentCheck.graph(pages.all()));
  }

  @Test
  void compareAnchorsSourcesAndPractise() throws IOException {
    Pages pages = write(pattern("s", PATTERN_BODY.replace("- One.\n", "- One.\n- Two.\n")),
        system("p", SYSTEM_BODY).replaceFirst("#summary", "#sumary"));
    Page p = pages.find("p").orElseThrow();
    Page s = pages.find("s").orElseThrow();
    assertEquals(List.of(s.file() + ":8: compare.consistency see '#sumary' is no heading of this"
        + " page; did you mean #summary?"), ContentCheck.compareAnchors(s));
    assertEquals(List.of(p.file() + ":30: '## Sources' lists 2 entries but the front matter has 1;"
        + " keep the two the same"), ContentCheck.sourcesListed(p));
    assertEquals(List.of(p.file() + ":28: 'dstutor show p' names no exercise of the course"),
        ContentCheck.practise(p, Set.of("q")));
  }

  @Test
  void hintLinks(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("content/patterns"));
    Files.writeString(root.resolve("content/patterns/p.md"), pattern("", PATTERN_BODY));
    assertNull(ContentCheck.seeProblem(root, "content/patterns/p.md#the-mechanism"));
    assertNull(ContentCheck.seeProblem(root, "content/patterns/p.md"));
    assertEquals("see: 'content/patterns/p.md#mechanism': content/patterns/p.md has no heading"
        + " #mechanism; did you mean #the-mechanism?", ContentCheck.seeProblem(root, "content/patterns/p.md#mechanism"));
    assertEquals("see: 'content/patterns/q.md' leads to content/patterns/q.md, which does not"
        + " exist", ContentCheck.seeProblem(root, "content/patterns/q.md"));
    assertEquals("see: '../x.md' leads to ../x.md, which does not exist",
        ContentCheck.seeProblem(root, "../x.md"));
  }
}
