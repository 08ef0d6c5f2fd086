package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dstutor search} on the repository's course, piped. */
class SearchCommandTest {
  CliHarness cli;

  @BeforeEach
  void setUp(@TempDir Path tmp) {
    cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    cli.env.put("DSTUTOR_COURSE", Path.of("").toAbsolutePath().toString());
  }

  @Test
  void eachHitShowsWhereTheSnippetAndTheReadTarget() {
    CliHarness.Result r = cli.run("search", "sloppy", "quorum");
    assertEquals(0, r.code(), r.err());
    String[] hits = r.out().split("\n\n");
    assertEquals(5, hits.length, r.out());
    String[] first = hits[0].split("\n");
    assertEquals("Quorum › The mechanism › Sloppy quorums", first[0]);
    assertTrue(first[1].startsWith("  "), first[1]);
    assertTrue(hits[0].toLowerCase().contains("sloppy"), hits[0]);
    assertEquals("  read: dstutor read quorum#sloppy-quorums", first[first.length - 1]);
    for (String hit : hits) {
      assertTrue(hit.contains("\n  read: dstutor read "), hit);
    }
    assertFalse(r.out().contains("\u001b"));
  }

  @Test
  void limitCapsTheHits() {
    CliHarness.Result r = cli.run("search", "--limit", "2", "hinted handoff");
    assertEquals(0, r.code(), r.err());
    assertEquals(2, r.out().split("read: dstutor read ", -1).length - 1, r.out());
    assertTrue(r.out().startsWith("Hinted handoff › Summary\n"), r.out());
    assertEquals(2, cli.run("search", "-n", "0", "lease").code());
  }

  @Test
  void nothingFoundSaysSo() {
    CliHarness.Result r = cli.run("search", "xyzzyplugh");
    assertEquals(0, r.code());
    assertEquals("No section matches 'xyzzyplugh'. Try fewer or other words; `dstutor read`"
        + " lists the pages.\n", r.out());
  }

  @Test
  void onlyCommonWordsOrNoWordsIsAUsageError() {
    CliHarness.Result r = cli.run("search", "the", "of");
    assertEquals(2, r.code());
    assertEquals("error: 'the of' has only common words; search for a term such as 'sloppy"
        + " quorum' or 'lease'\n", r.err());
    assertEquals(2, cli.run("search").code());
  }
}
