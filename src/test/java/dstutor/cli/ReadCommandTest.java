package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.content.ContentCheck;
import dstutor.content.Pages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dstutor read} on the repository's course, piped (plain text, no pager). */
class ReadCommandTest {
  CliHarness cli;

  @BeforeEach
  void setUp(@TempDir Path tmp) {
    cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    cli.env.put("DSTUTOR_COURSE", Path.of("").toAbsolutePath().toString());
  }

  @Test
  void readsAWholePageAsPlainText() {
    CliHarness.Result r = cli.run("read", "dynamo");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Dynamo\n======\n\nSummary\n-------\n"), r.out());
    assertTrue(r.out().contains("\nPatterns used\n-------------\n"), r.out());
    assertTrue(r.out().contains("read consistent-hashing#walking-the-ring"), r.out());
    assertTrue(r.out().endsWith("\nRelated pages: dstutor related dynamo\n"), r.out());
    assertFalse(r.out().contains("\u001b"), "no colour when piped");
    assertFalse(r.out().contains("](../"), "no raw Markdown links");
    for (String line : r.out().split("\n")) {
      assertTrue(line.codePointCount(0, line.length()) <= 100, line);
    }
    assertEquals("", r.err());
  }

  @Test
  void aPageWithABadByteIsReadAndItsBadByteIsAContentProblem() throws Exception {
    cli.env.put("DSTUTOR_COURSE", cli.course.toString());
    Path page = cli.course.resolve("content/patterns/addition.md");
    String text = Files.readString(page, StandardCharsets.ISO_8859_1);
    Files.writeString(page, text.replace("Numbers add.", "Numbers\u00FF add."),
        StandardCharsets.ISO_8859_1);
    for (String command : new String[] {"read addition", "search numbers", "related addition",
        "pattern addition"}) {
      CliHarness.Result r = cli.run(command.split(" "));
      assertEquals(0, r.code(), command + ": " + r.err());
    }
    assertTrue(cli.run("read", "addition").out().contains("Numbers\uFFFD add."));
    assertEquals(List.of(page + ":12:8: byte 0xFF is not UTF-8; save the file as UTF-8 and"
        + " retype the character here"), ContentCheck.all(new Pages(cli.course.resolve(
            "content")), Set.of("adder")));
  }

  @Test
  void readsOneSectionWithItsSubsections() {
    CliHarness.Result r = cli.run("read", "quorum#sloppy-quorums");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Quorum › The mechanism\n\n### Sloppy quorums\n\n"), r.out());
    assertFalse(r.out().contains("A worked example"), r.out());
    assertTrue(r.out().endsWith("Whole page: dstutor read quorum\n"), r.out());
    CliHarness.Result h2 = cli.run("read", "quorum#the-mechanism");
    assertTrue(h2.out().contains("### Overlapping quorums") && h2.out().contains(
        "### Sloppy quorums") && !h2.out().contains("A worked example"), h2.out());
  }

  @Test
  void acceptsTheFormsHintsAndPeopleType() {
    String expected = cli.run("read", "quorum#sloppy-quorums").out();
    assertEquals(expected, cli.run("read", "content/patterns/quorum.md#sloppy-quorums").out());
    assertEquals(expected, cli.run("read", "Quorum#Sloppy quorums").out());
    assertEquals(cli.run("read", "gfs").out(), cli.run("read", "gfs#gfs").out());
  }

  @Test
  void wrapsAtTheRequestedWidth() {
    CliHarness.Result r = cli.run("read", "kafka", "--width", "60");
    assertEquals(0, r.code(), r.err());
    for (String line : r.out().split("\n")) {
      if (!line.startsWith("    ")) {
        assertTrue(line.codePointCount(0, line.length()) <= 60, line);
      }
    }
    assertEquals(2, cli.run("read", "kafka", "--width", "10").code());
  }

  @Test
  void withoutAPageListsThemAll() {
    CliHarness.Result r = cli.run("read");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Case studies\n  bigtable"), r.out());
    assertTrue(r.out().contains("\nPatterns\n"), r.out());
    assertTrue(r.out().contains("  phi-accrual "), r.out());
    assertTrue(r.out().contains("dstutor read <id>#<section>"), r.out());
  }

  @Test
  void anUnknownPageSaysWhatWasMeant() {
    CliHarness.Result r = cli.run("read", "dynamoo");
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertEquals("error: no page 'dynamoo'; did you mean 'dynamo'?\n", r.err());
    CliHarness.Result far = cli.run("read", "zookeeper");
    assertEquals("error: no page 'zookeeper'; `dstutor read` lists the pages\n", far.err());
  }

  @Test
  void anUnknownSectionSaysWhatWasMeant() {
    CliHarness.Result r = cli.run("read", "quorum#sloppy-quorum");
    assertEquals(2, r.code());
    assertEquals("error: quorum has no section #sloppy-quorum; did you mean"
        + " 'quorum#sloppy-quorums'?\n", r.err());
    CliHarness.Result part = cli.run("read", "dynamo#sloppy");
    assertEquals(2, part.code());
    assertTrue(part.err().contains("did you mean 'dynamo#sloppy-quorum-and-hinted-handoff'?"),
        part.err());
    CliHarness.Result none = cli.run("read", "dynamo#zzzzzzzzzzzz");
    assertTrue(none.err().contains("its sections: summary, the-problem, design-decisions"),
        none.err());
  }

  @Test
  void aCourseWithoutContentIsAUsageError() {
    cli.env.put("DSTUTOR_COURSE", cli.home.toString());
    CliHarness.Result r = cli.run("read", "dynamo");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("has no content/ folder"), r.err());
  }

  @Test
  void colourWhenTheConsoleWantsIt() {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code = Main.run(new String[] {"read", "quorum#sloppy-quorums"}, cli.env,
        new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), true);
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("\u001b[1mSloppy quorums\u001b[0m"), out.toString());
    assertTrue(out.toString().contains("\u001b[2m(read hinted-handoff)\u001b[0m")
        || out.toString().contains("\u001b[2mread hinted-handoff\u001b[0m"), out.toString());
  }

  @Test
  void helpSaysWhatItDoes() {
    CliHarness.Result r = cli.run("read", "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("PAGE[#SECTION]"), r.out());
    assertTrue(r.out().contains("--no-pager"), r.out());
    assertTrue(cli.run("--help").out().contains("read"));
  }
}
