package dstutor.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Problems stay readable whatever the file held: long values cut, long lists counted. */
class ProblemTest {
  static final Path F = Path.of("course.yaml");

  @Test
  void aLongQuotedValueIsCutWithItsLength() {
    assertEquals("requires '" + "r".repeat(80) + "... (2000000 characters)' is not an exercise",
        new Problem(F, 3, 1, "requires '" + "r".repeat(2_000_000) + "' is not an exercise")
            .message());
    assertEquals("short", Problem.quote("short"));
  }

  @Test
  void apostrophesInProseAreNotQuotes() {
    String m = "found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for"
        + " indentation) (check the indentation and that every key is followed by ': ')";
    assertEquals(m, new Problem(F, 1, 1, m).message());
    String learner = "the learner's file says '" + "it's ".repeat(40) + "', check it";
    assertEquals("the learner's file says '" + "it's ".repeat(16) + "... (200 characters)',"
        + " check it", new Problem(F, 1, 1, learner).message());
  }

  @Test
  void aLongMessageKeepsItsStartAndEnd() {
    String m = "the outline mentions no phrase of concept 'replication' (" + "y ".repeat(1_000_000)
        + "); add one to the outline";
    String clipped = new Problem(F, 1, 1, m).message();
    assertEquals(Problem.MAX_MESSAGE, clipped.length(), clipped);
    assertEquals("the outline mentions no phrase of concept 'replication' (y y y", clipped
        .substring(0, 62));
    assertEquals("... (1999901 characters left out) ...  y y y y y ); add one to the outline",
        clipped.substring(clipped.indexOf("... (")));
  }

  @Test
  void aLongListIsCountedAfterTen() {
    assertEquals("\n  p\n  p", Problem.listed(List.of("p", "p")));
    String listed = Problem.listed(Collections.nCopies(25, "p"));
    assertEquals(11, listed.strip().lines().count());
    assertEquals("  ... and 15 more; `dstutor course check` lists them all",
        listed.lines().reduce((a, b) -> b).orElseThrow());
  }
}
