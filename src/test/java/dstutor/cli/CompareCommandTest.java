package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dstutor compare}: two systems side by side within 100 columns. */
class CompareCommandTest {
  CliHarness cli;

  @BeforeEach
  void setUp(@TempDir Path tmp) {
    cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    cli.env.put("DSTUTOR_COURSE", Path.of("").toAbsolutePath().toString());
  }

  @Test
  void showsEveryAspectSideBySideWithLinks() {
    CliHarness.Result r = cli.run("compare", "dynamo", "bigtable");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Dynamo vs Bigtable\n\n"), r.out());
    for (String label : new String[] {"consistency", "availability", "replication",
        "partitioning", "failure", "detection", "coordination", "storage"}) {
      assertTrue(r.out().contains("\n" + label), label);
    }
    assertTrue(r.out().contains("read dynamo#versioning-and-conflicts"), r.out());
    assertTrue(r.out().contains("read bigtable#"), r.out());
    for (String line : r.out().split("\n")) {
      assertTrue(line.codePointCount(0, line.length()) <= 100, line);
    }
    assertFalse(r.out().contains("\u001b"));
  }

  @Test
  void narrowerWidthStillFits() {
    CliHarness.Result r = cli.run("compare", "kafka", "hdfs", "--width", "80");
    assertEquals(0, r.code(), r.err());
    for (String line : r.out().split("\n")) {
      if (!line.strip().startsWith("read ")) {
        assertTrue(line.codePointCount(0, line.length()) <= 80, line);
      }
    }
  }

  @Test
  void badInputIsAUsageError() {
    CliHarness.Result pattern = cli.run("compare", "dynamo", "quorum");
    assertEquals(2, pattern.code());
    assertTrue(pattern.err().startsWith("error: 'quorum' is a pattern; compare takes two"
        + " systems: bigtable, cassandra, chubby, dynamo, gfs, hdfs, kafka"), pattern.err());
    CliHarness.Result typo = cli.run("compare", "dynamo", "bigtabel");
    assertEquals("error: no system 'bigtabel'; did you mean 'bigtable'?\n", typo.err());
    CliHarness.Result same = cli.run("compare", "gfs", "GFS");
    assertEquals("error: name two different systems to compare (got gfs twice)\n", same.err());
    assertEquals(2, cli.run("compare", "gfs").code());
    assertEquals(2, same.code());
    assertEquals(2, typo.code());
  }
}
