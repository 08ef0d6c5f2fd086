package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three faces meet: a drill that misses concepts makes the cards of their pages due, and
 * `dstutor progress` shows one mastery line per topic from exercises, cards and drills.
 */
class MasteryTest {
  private static final Clock DAY0 = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"),
      ZoneOffset.UTC);
  CliHarness cli;

  @BeforeEach
  void setUp(@TempDir Path tmp) {
    cli = new CliHarness(tmp, CliHarness.fixtureCourse());
  }

  @Test
  void aDrillMissMakesTheRelatedCardsDue() {
    // No reviews yet and no new cards allowed today: nothing to ask.
    assertTrue(cli.run("q\n", DAY0, "quiz", "--new", "0").out().startsWith("No card is due"));
    CliHarness.Result drill = cli.run("Always writable.\n\nend\n", DAY0, "drill", "tiny-kv",
        "--minutes", "1");
    assertEquals(0, drill.code(), drill.out() + drill.err());
    assertTrue(drill.out().contains("The recall cards of addition are due now, for what this"
        + " drill missed: dstutor quiz"), drill.out());
    CliHarness.Result quiz = cli.run("q\n", DAY0, "quiz", "--new", "0");
    assertTrue(quiz.out().startsWith("5 cards:") && quiz.out().contains("[1/5] addition"),
        quiz.out());
    assertTrue(cli.run("", DAY0, "next").out().contains("5 recall cards are due: dstutor quiz"));
  }

  @Test
  void progressShowsAMasteryLinePerTopicAndTheNextStep() {
    CliHarness.Result before = cli.run("", DAY0, "progress");
    assertEquals(0, before.code(), before.err());
    assertTrue(before.out().matches("(?s).*\\naddition\\s+0 of 2\\s+0\\s+0 of 5 right\\s+-\\n.*"),
        before.out());
    assertTrue(before.out().contains("weakest, and the next step for each:\n  addition"),
        before.out());
    assertTrue(before.out().contains("dstutor show adder"), before.out());
    cli.run("Always writable, with eventual consistency.\n\nend\n", DAY0, "drill", "tiny-kv",
        "--minutes", "1");
    CliHarness.Result after = cli.run("", DAY0, "progress");
    assertTrue(after.out().matches("(?s).*\\naddition\\s+0 of 2\\s+0\\s+0 of 5 right, 5 due\\s+"
        + "\\d of 8 covered\\n.*"), after.out());
  }
}
