package dstutor.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each Markdown construct, rendered plain (piped) and in colour. */
class TerminalRendererTest {
  static final String ESC = "\u001b[";

  static Page page(String body) {
    return Page.parse(Path.of("content", "patterns", "demo.md"), "---\nid: demo\ntitle: Demo\n"
        + "kind: pattern\nrelated: []\nsources: [\"A book.\"]\n---\n" + body);
  }

  static String plain(String body) {
    Page p = page(body);
    return TerminalRenderer.forPage(p, 60, false).render(p.document());
  }

  static String color(String body) {
    Page p = page(body);
    return TerminalRenderer.forPage(p, 60, true).render(p.document());
  }

  @Test
  void headings() {
    assertEquals("Demo\n====\n\nSummary\n-------\n\n### Sloppy quorums\n",
        plain("# Demo\n\n## Summary\n\n### Sloppy quorums\n"));
    String c = color("# Demo\n\n### Sub\n");
    assertTrue(c.contains(ESC + "1mDemo" + ESC + "0m"), c);
    assertTrue(c.contains(ESC + "2m###" + ESC + "0m " + ESC + "1mSub"), c);
  }

  @Test
  void aHugeHeadingIsShownCutToItsCap() {
    String huge = "h".repeat(2 * 1024 * 1024);
    String shown = "h".repeat(dstutor.yaml.Caps.HEADING - 1) + "…";
    String out = plain("# Demo\n\n## " + huge + "\n\n### " + huge + "\n\nText.\n");
    StringBuilder wrapped = new StringBuilder();
    for (int i = 0; i < shown.length(); i += 60) {
      wrapped.append(shown, i, Math.min(shown.length(), i + 60)).append('\n');
    }
    assertTrue(out.startsWith("Demo\n====\n\n" + wrapped + "-".repeat(60) + "\n\n### "
        + "h".repeat(56) + "\n"), out);
    assertTrue(out.endsWith("…\n\nText.\n"), out);
    assertTrue(out.length() < 600, out.length() + " characters");
    // In colour too, the cut text keeps its style and closes it.
    String c = color("## " + huge + "\n");
    assertTrue(c.contains("h…" + ESC + "0m"), c);
    assertTrue(c.length() < 600, c.length() + " characters");
  }

  @Test
  void aHugeLineOfTextOrCodeIsShownCutToItsCap() {
    int line = dstutor.yaml.Caps.LINE;
    String out = plain("y".repeat(2 * 1024 * 1024) + "\n\n    " + "c".repeat(100_000) + "\n\n"
        + "<div>" + "d".repeat(100_000) + "</div>\n");
    assertEquals(line - 1, out.chars().filter(ch -> ch == 'y').count(), "one line's worth");
    assertTrue(out.contains("y…\n"), out);
    assertTrue(out.contains("\n    " + "c".repeat(line - 1) + "…\n"), out);
    assertTrue(out.contains("<div>" + "d".repeat(line - 6) + "…\n"), out);
    // A paragraph of many short pieces on one line is cut as a block.
    String pieces = plain("*a* ".repeat(100_000) + "\n");
    assertTrue(pieces.length() <= dstutor.yaml.Caps.BLOCK + 200, pieces.length() + " characters");
    assertTrue(pieces.endsWith("…\n"), pieces.substring(pieces.length() - 20));
  }

  @Test
  void emphasisAndStrongAndCode() {
    assertEquals("An important, bold step with `acks=all`.\n",
        plain("An *important*, **bold** step with `acks=all`.\n"));
    String c = color("An *important*, **bold** step with `acks=all`.\n");
    assertTrue(c.contains(ESC + "3mimportant," + ESC + "0m") || c.contains(ESC + "3mimportant"),
        c);
    assertTrue(c.contains(ESC + "1mbold" + ESC + "0m"), c);
    assertTrue(c.contains(ESC + "36macks=all" + ESC + "0m"), c);
    assertFalse(c.contains("`"), c);
  }

  @Test
  void bulletAndOrderedAndNestedLists() {
    assertEquals("• one\n• two\n  • nested\n\n1. first\n2. second\n",
        plain("- one\n- two\n  - nested\n\n1. first\n2. second\n"));
    assertEquals(" 9. nine\n10. ten\n", plain("9. nine\n10. ten\n"));
    assertEquals("• a\n\n• b\n", plain("- a\n\n- b\n"));
  }

  @Test
  void listItemsWrapUnderTheirText() {
    String out = plain("- " + "word ".repeat(20) + "\n");
    for (String line : out.split("\n")) {
      assertTrue(line.startsWith("• ") || line.startsWith("  word"), line);
      assertTrue(line.length() <= 60, line);
    }
  }

  @Test
  void tables() {
    String out = plain("| Number | What |\n|---:|---|\n| 3 | replicas |\n| 300 ms | SLA |\n");
    assertEquals("Number  What\n──────  ────────\n     3  replicas\n300 ms  SLA\n", out);
    String c = color("| A | B |\n|---|---|\n| x | y |\n");
    assertTrue(c.contains(ESC + "1mA" + ESC + "0m"), c);
  }

  @Test
  void wideTablesWrapTheirLongestColumnsToFit() {
    String row = "| 3 | " + "a long explanation ".repeat(6) + "| paper |\n";
    String out = plain("| N | What | Source |\n|---|---|---|\n" + row + row);
    for (String line : out.split("\n")) {
      assertTrue(line.length() <= 60, line);
    }
    assertTrue(out.contains("3  a long"), out);
    assertTrue(out.contains("paper"), out);
  }

  @Test
  void codeBlocksAreIndentedAndNeverWrapped() {
    String longLine = "x".repeat(80);
    assertEquals("Before:\n\n    int a = 1;\n    " + longLine + "\n",
        plain("Before:\n\n```java\nint a = 1;\n" + longLine + "\n```\n"));
    assertTrue(color("```\ncode\n```\n").contains("    " + ESC + "36mcode"));
  }

  @Test
  void linksShowWhatToTypeToFollowThem() {
    assertEquals("See quorum (read quorum#sloppy-quorums).\n",
        plain("See [quorum](../patterns/quorum.md#sloppy-quorums).\n"));
    assertEquals("Used by Dynamo (read dynamo).\n",
        plain("Used by [Dynamo](../systems/dynamo.md).\n"));
    assertEquals("Nearby (the summary: read demo#summary).\n",
        plain("Nearby ([the summary](#summary)).\n"));
    assertEquals("The paper (https://example.org/p.pdf).\n",
        plain("The [paper](https://example.org/p.pdf).\n"));
    assertEquals("<https://example.org>\n".length() - 2,
        plain("<https://example.org>\n").length());
    String c = color("See [quorum](quorum.md).\n");
    assertTrue(c.contains(ESC + "4mquorum" + ESC + "0m " + ESC + "2m(read quorum)"), c);
  }

  @Test
  void aReadTargetIsNeverSplitAcrossLines() {
    String out = plain("word ".repeat(10) + "[x](../patterns/consistent-hashing.md#walking-the-ring)"
        + " and more words after it to wrap.\n");
    assertTrue(out.contains("(read consistent-hashing#walking-the-ring)"), out);
  }

  @Test
  void blockQuotesAndRules() {
    assertEquals("│ Quoted text.\n\n──────────\n", plain("> Quoted text.\n\n---\n").replace(
        "─".repeat(40), "─".repeat(10)));
  }

  @Test
  void paragraphsWrapAtTheWidth() {
    String out = plain(("lorem ipsum dolor ").repeat(30) + "\n");
    for (String line : out.split("\n")) {
      assertTrue(line.length() <= 60, line);
    }
    assertTrue(out.split("\n").length > 5);
  }

  @Test
  void plainOutputHasNoEscapeCodes() {
    String all = "# T\n\n## S\n\n*e* **s** `c` [l](x.md)\n\n- a\n\n| h |\n|---|\n| c |\n\n"
        + "```\nx\n```\n\n> q\n";
    assertFalse(plain(all).contains("\u001b"));
    assertTrue(color(all).contains("\u001b"));
  }

  @Test
  void aSectionRendersWithItsSubsectionsOnly() {
    Page p = page("# Demo\n\n## A\n\nText a.\n\n### A1\n\nText a1.\n\n## B\n\nText b.\n");
    String out = TerminalRenderer.forPage(p, 60, false).render(p.blocks("a"));
    assertEquals("A\n-\n\nText a.\n\n### A1\n\nText a1.\n", out);
    assertEquals("### A1\n\nText a1.\n",
        TerminalRenderer.forPage(p, 60, false).render(p.blocks("a1")));
  }
}
