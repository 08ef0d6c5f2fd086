package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code course check} checks the recall cards in a section of their own. */
class CourseCheckCardsTest {
  @Test
  void goodCardsPassAndABrokenOneFailsWithItsPlace(@TempDir Path tmp) throws Exception {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    CliHarness.Result ok = cli.run("course", "check");
    assertEquals(0, ok.code(), ok.out() + ok.err());
    assertTrue(ok.out().contains("cards\n  ✓ 5 recall cards: format, answers, links and anchors,"
        + " 5 a page\n"), ok.out());

    Path cards = cli.course.resolve("content/cards/addition.yaml");
    Files.writeString(cards, Files.readString(cards).replace("#the-identity", "#identity"));
    CliHarness.Result bad = cli.run("course", "check");
    assertEquals(1, bad.code(), bad.out());
    assertTrue(bad.out().contains("cards\n  ✗ " + cards + ":15:11: read:"
        + " 'content/patterns/addition.md#identity': content/patterns/addition.md has no heading"
        + " #identity; did you mean #the-identity?\n"), bad.out());
    assertTrue(bad.out().contains("\n1 check(s) failed"), bad.out());
  }

  @Test
  void aCourseWithoutCardsSaysSo(@TempDir Path tmp) throws Exception {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    Path cards = cli.course.resolve("content/cards");
    Files.delete(cards.resolve("addition.yaml"));
    Files.delete(cards);
    CliHarness.Result r = cli.run("course", "check", "--exercise", "sums-quiz");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("cards\n  - no content/cards folder: no recall cards to check\n"),
        r.out());
  }
}
