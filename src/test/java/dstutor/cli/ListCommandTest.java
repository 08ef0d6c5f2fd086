package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dstutor list}: tracks in order; a systems track grouped by the system it is about. */
class ListCommandTest {
  @Test
  void exercisesUnderExercisesSystemsAreGroupedBySystem(@TempDir Path tmp) throws IOException {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    // Move the fixture's adder to exercises/systems/abacus/ (and its solution likewise).
    for (String top : new String[] {"exercises", "solutions"}) {
      Path from = cli.course.resolve(top).resolve("basics/adder");
      Path to = cli.course.resolve(top).resolve("systems/abacus/adder");
      Files.createDirectories(to.getParent());
      Files.move(from, to);
    }
    Files.writeString(cli.course.resolve("exercises/course.yaml"), """
        version: 1
        title: fixture
        tracks:
          - id: quizzes
            title: Quizzes
            exercises: [sums-quiz]
          - id: systems
            title: Systems
            exercises: [adder]
        """);
    CliHarness.Result r = cli.run("list", "--track", "systems");
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals("Systems (systems)", lines[0], r.out());
    assertEquals("  abacus", lines[1], "a system without a page is named by its folder");
    assertTrue(lines[2].startsWith("    current  adder ") || lines[2].startsWith("    open     adder "),
        r.out());
    assertEquals(3, lines.length, r.out());

    CliHarness.Result all = cli.run("list");
    assertTrue(all.out().startsWith("Quizzes (quizzes)\n  "), all.out());
    assertTrue(all.out().contains("\n  waiting  sums-quiz "), "no group outside systems/: "
        + all.out());
  }
}
