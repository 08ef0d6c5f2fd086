package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dstutor related}: grouped links, each with the command that opens it. */
class RelatedCommandTest {
  CliHarness cli;

  @BeforeEach
  void setUp(@TempDir Path tmp) {
    cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    cli.env.put("DSTUTOR_COURSE", Path.of("").toAbsolutePath().toString());
  }

  static String group(String out, String title) {
    int at = out.indexOf("\n" + title + "\n");
    assertTrue(at >= 0, "no group '" + title + "' in:\n" + out);
    int end = out.indexOf("\n\n", at + 1);
    return out.substring(at + title.length() + 2, end < 0 ? out.length() : end);
  }

  @Test
  void aPatternShowsTheSystemsThatUseItAndRelatedPatterns() {
    CliHarness.Result r = cli.run("related", "quorum");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Quorum  (pattern: dstutor read quorum)\n"), r.out());
    String systems = group(r.out(), "Systems that use it");
    for (String s : new String[] {"cassandra", "chubby", "dynamo", "hdfs", "kafka"}) {
      assertTrue(systems.contains("dstutor read " + s + "\n") || systems.endsWith(
          "dstutor read " + s), systems);
    }
    assertFalse(systems.contains("bigtable") || systems.contains("gfs"), systems);
    assertTrue(group(r.out(), "Related patterns").contains("dstutor read consistent-hashing"));
    assertTrue(r.out().contains("\nExercises that practise it\n"), r.out());
  }

  @Test
  void aSystemShowsThePatternsItUses() {
    CliHarness.Result r = cli.run("related", "gfs");
    assertEquals(0, r.code(), r.err());
    String patterns = group(r.out(), "Patterns it uses");
    assertEquals(7, patterns.split("\n").length, patterns);
    assertTrue(patterns.contains("Lease") && patterns.contains("dstutor read lease"), patterns);
    assertTrue(r.out().contains("\nExercises on GFS\n"), r.out());
    assertTrue(group(r.out(), "Pattern exercises drawn from it").contains("dstutor show lease"),
        r.out());
  }

  @Test
  void exercisesComeFromTheCourse() {
    cli.env.put("DSTUTOR_COURSE", cli.course.toString());
    CliHarness.Result r = cli.run("related", "addition");
    assertEquals(0, r.code(), r.err());
    assertTrue(group(r.out(), "Exercises that practise it").contains("Add two numbers")
        && r.out().contains("dstutor show adder"), r.out());
  }

  @Test
  void anUnknownPageSaysWhatWasMeant() {
    CliHarness.Result r = cli.run("related", "qorum");
    assertEquals(2, r.code());
    assertEquals("error: no page 'qorum'; did you mean 'quorum'?\n", r.err());
  }

  /** Each case study's related view lists the systems-track exercises in its folder. */
  @Test
  void everySystemListsItsOwnExercises() throws Exception {
    java.nio.file.Path systems = Path.of("exercises/systems").toAbsolutePath();
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(systems));
    int checked = 0;
    try (var dirs = java.nio.file.Files.list(systems)) {
      for (java.nio.file.Path sys : dirs.toList()) {
        CliHarness.Result r = cli.run("related", sys.getFileName().toString());
        assertEquals(0, r.code(), r.err());
        int at = r.out().indexOf("\nExercises on ");
        assertTrue(at >= 0, r.out());
        String own = r.out().substring(at, r.out().indexOf("\n\n", at + 1));
        try (var exs = java.nio.file.Files.list(sys)) {
          for (java.nio.file.Path ex : exs.toList()) {
            assertTrue(own.contains("dstutor show " + ex.getFileName()), own);
            checked++;
          }
        }
      }
    }
    assertTrue(checked >= 2, "no systems exercise checked");
  }
}
