package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.content.Kind;
import dstutor.content.Page;
import dstutor.content.Pages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dstutor pattern}, {@code system} and {@code where} on the shipped content. */
class CardCommandsTest {
  static final Path REPO = Path.of("").toAbsolutePath();
  CliHarness cli;

  @BeforeEach
  void setUp(@TempDir Path tmp) {
    cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    cli.env.put("DSTUTOR_COURSE", REPO.toString());
  }

  private String ok(String... args) {
    CliHarness.Result r = cli.run(args);
    assertEquals(0, r.code(), String.join(" ", args) + ": " + r.out() + r.err());
    return r.out();
  }

  @Test
  void aPatternCardShowsProblemMechanismTradeOffsUsersAndExercise() {
    String out = ok("pattern", "quorum");
    assertTrue(out.startsWith("Quorum  (pattern: dstutor read quorum)\n"), out);
    assertTrue(out.contains("\nProblem     Waiting for all N replicas"), out);
    assertTrue(out.contains("\nMechanism   Keep N copies;"), out);
    assertTrue(out.contains("\nTrade-offs  "), out);
    String usedBy = out.substring(out.indexOf("\nUsed by"), out.indexOf("\nPractise"));
    for (String s : new String[] {"Dynamo", "Cassandra", "Kafka", "HDFS", "Chubby"}) {
      assertTrue(usedBy.contains(" " + s + " "), s + " missing:\n" + usedBy);
    }
    assertTrue(!usedBy.contains("GFS") && !usedBy.contains("Bigtable"), usedBy);
    assertTrue(out.matches("(?s).*\nPractise    quorum +\\[open\\] Read and write quorums.*"), out);
    assertTrue(out.contains("dynamo-coordinator"), "a systems exercise that practises it: " + out);
    assertTrue(out.contains("dstutor show quorum"), out);
  }

  @Test
  void theStatusOnACardFollowsProgress() {
    ok("next");
    assertTrue(ok("pattern", "consistent-hashing").contains("[current]"));
  }

  @Test
  void aSystemCardShowsTheTradeOffTheDesignAndThePatterns() {
    String out = ok("system", "kafka");
    assertTrue(out.startsWith("Kafka  (system: dstutor read kafka)\n"), out);
    assertTrue(out.contains("\nTrade-off   Kafka is a partitioned, replicated commit log."), out);
    for (String k : new String[] {"consistency", "availability", "replication", "partitioning",
        "failure-detection", "coordination", "storage"}) {
      assertTrue(out.contains(" " + k + " "), k + ":\n" + out);
    }
    assertTrue(out.contains("High-water mark") && out.contains("Segmented log"), out);
  }

  @Test
  void everyCardFitsOneScreenAndTheWidth() throws Exception {
    Pages pages = new Pages(REPO.resolve("content"));
    for (Page p : pages.all()) {
      String out = ok(p.kind() == Kind.SYSTEM ? "system" : "pattern", p.id(), "--width", "80");
      String[] lines = out.split("\n");
      assertTrue(lines.length <= 24, p.id() + ": " + lines.length + " lines:\n" + out);
      for (String l : lines) {
        if (!l.startsWith("More: ")) {
          assertTrue(l.length() <= 80, p.id() + ": " + l.length() + " columns: " + l);
        }
      }
      if (p.kind() == Kind.PATTERN) {
        String where = ok("where", p.id(), "--width", "100");
        assertTrue(where.split("\n").length <= 10, where);
      }
    }
  }

  @Test
  void whereGivesOneLinePerSystemWithAReadTargetThatExists() throws Exception {
    String out = ok("where", "lease");
    assertTrue(out.startsWith("Lease in the seven systems (4 of 7 use it)\n"), out);
    List<String> targets = new ArrayList<>();
    Matcher m = Pattern.compile("dstutor read ([a-z-]+(#[a-z0-9-]+)?)").matcher(out);
    while (m.find()) {
      targets.add(m.group(1));
    }
    assertEquals(5, targets.size(), out); // four systems, and the page's own section
    for (String t : targets) {
      assertEquals(0, cli.run("read", t).code(), "dstutor read " + t);
    }
    assertTrue(out.contains("Not used by Dynamo, Cassandra, Kafka"), out);
  }

  @Test
  void theWrongKindOrAnUnknownIdIsAUsageError() {
    CliHarness.Result r = cli.run("pattern", "dynamo");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("'dynamo' is a system, not a pattern: try `dstutor system"
        + " dynamo`"), r.err());
    r = cli.run("system", "lease");
    assertTrue(r.code() == 2 && r.err().contains("try `dstutor pattern lease`"), r.err());
    r = cli.run("where", "quorom");
    assertTrue(r.code() == 2 && r.err().contains("did you mean 'quorum'?"), r.err());
  }
}
