package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands around submit: hint, list, show, progress, reset, typos, damaged progress. */
class LoopCommandsTest {
  CliHarness cli;

  @BeforeEach
  void setUp(@TempDir Path tmp) {
    cli = new CliHarness(tmp, CliHarness.fixtureCourse());
  }

  @Test
  void hintsClimbTheLadderAndAreRemembered() {
    cli.run("next");
    CliHarness.Result first = cli.run("hint");
    assertTrue(first.out().contains("Hint 1 of 2"), first.out());
    assertTrue(first.out().contains("Return the sum of both arguments."), first.out());
    assertTrue(first.out().contains("read: dstutor read addition#adding-numbers"), first.out());
    assertTrue(cli.run("hint").out().contains("Hint 2 of 2"));
    assertTrue(cli.run("hint").out().contains("All 2 hints for adder are shown"));
    CliHarness.Result all = cli.run("hint", "--all");
    assertTrue(all.out().contains("Hint 1 of 2") && all.out().contains("Hint 2 of 2"), all.out());
    assertTrue(cli.run("progress").out().contains("hints used:         2"));
  }

  @Test
  void mistypedIdSuggestsTheRightOne() {
    CliHarness.Result r = cli.run("show", "addr");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no exercise 'addr'; did you mean 'adder'?"), r.err());
    assertEquals(2, cli.run("submit", "addr").code());
    assertEquals(2, cli.run("hint", "addr").code());
  }

  @Test
  void commandsWithoutACurrentExerciseSayWhatToDo() {
    CliHarness.Result r = cli.run("submit");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no current exercise: run `dstutor next`"), r.err());
  }

  @Test
  void listShowsStatuses() {
    assertTrue(cli.run("list").out().contains("open     adder"));
    cli.run("next");
    assertTrue(cli.run("list").out().contains("current  adder"));
    CliHarness.Result bad = cli.run("list", "--track", "basic");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("did you mean 'basics'?"), bad.err());
  }

  @Test
  void resetKeepsABackupOfTheLearnersFile() throws Exception {
    cli.run("next");
    Path file = cli.write("basics/adder", "SimpleAdder.java", "// my work\n");
    CliHarness.Result r = cli.run("reset", "adder");
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(file).contains("TODO"));
    try (Stream<Path> s = Files.list(file.getParent())) {
      Path backup = s.filter(p -> p.getFileName().toString().startsWith("SimpleAdder.java.bak-"))
          .findFirst().orElseThrow();
      assertEquals("// my work\n", Files.readString(backup));
      assertTrue(r.out().contains(backup.toString()), r.out());
    }
  }

  @Test
  void damagedProgressIsMovedAsideWithAWarning() throws Exception {
    Files.createDirectories(cli.home);
    Files.writeString(cli.home.resolve("progress.json"), "not json");
    CliHarness.Result r = cli.run("list");
    assertEquals(0, r.code());
    assertTrue(r.err().contains("moved to " + cli.home.resolve("progress.json.damaged-")),
        r.err());
  }

  @Test
  void workspaceHasABuildFileForIdes() throws Exception {
    cli.run("next");
    String pom = Files.readString(cli.workspace.resolve("pom.xml"));
    assertTrue(pom.contains("<source>basics/adder</source>"), pom);
    assertTrue(pom.contains("<systemPath>"), pom);
  }

  @Test
  void defaultsFollowTheShellsHome() {
    cli.env.remove("DSTUTOR_HOME");
    cli.env.remove("DSTUTOR_WORKSPACE");
    Path home = cli.home.resolveSibling("user");
    cli.env.put("HOME", home.toString());
    assertEquals(0, cli.run("next").code());
    assertTrue(Files.exists(home.resolve("dstutor/basics/adder/SimpleAdder.java")));
    assertTrue(Files.exists(home.resolve(".dstutor/progress.json")));
  }

  @Test
  void helpIsAvailableEverywhere() {
    for (String c : new String[] {"next", "list", "show", "submit", "hint", "solution",
        "progress", "reset", "course"}) {
      CliHarness.Result r = cli.run(c, "--help");
      assertEquals(0, r.code(), c);
      assertTrue(r.out().contains("Usage: dstutor " + c), r.out());
    }
  }

  @Test
  void noCourseIsAClearUsageError() {
    cli.env.remove("DSTUTOR_COURSE");
    String saved = System.getProperty("dstutor.course");
    System.clearProperty("dstutor.course");
    try {
      CliHarness.Result r = cli.run("list");
      assertEquals(2, r.code());
      assertTrue(r.err().contains("no course folder is set"), r.err());
    } finally {
      if (saved != null) {
        System.setProperty("dstutor.course", saved);
      }
    }
  }
}
