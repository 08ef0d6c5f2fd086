package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box: the real CLI against the fixture course, one learner file per outcome. */
class SubmitTest {
  static final String REL = "basics/adder";
  CliHarness cli;

  @BeforeEach
  void setUp(@TempDir Path tmp) {
    cli = new CliHarness(tmp, CliHarness.fixtureCourse());
  }

  static String adder(String body) {
    return "public class SimpleAdder implements Adder {\n"
        + "  @Override\n"
        + "  public int add(int a, int b) {\n"
        + "    " + body + "\n"
        + "  }\n"
        + "}\n";
  }

  @Test
  void nextCreatesTheStubAndMakesItCurrent() throws Exception {
    CliHarness.Result r = cli.run("next");
    assertEquals(0, r.code(), r.err());
    Path file = cli.workspace.resolve(REL).resolve("SimpleAdder.java");
    assertTrue(r.out().contains(file.toString()), r.out());
    assertTrue(r.out().contains("Implement `SimpleAdder.add(a, b)`"), r.out());
    assertTrue(Files.readString(file).contains("TODO"));
    assertTrue(Files.readString(cli.home.resolve("progress.json")).contains("\"current\" : \"adder\""));
  }

  @Test
  void nextNeverOverwritesTheLearnersFile() throws Exception {
    Path file = cli.write(REL, "SimpleAdder.java", adder("return 42;"));
    assertEquals(0, cli.run("next").code());
    assertEquals(adder("return 42;"), Files.readString(file));
  }

  @Test
  void untouchedStubFailsWithHintsAndSeed() {
    cli.run("next");
    CliHarness.Result r = cli.run("submit", "--json");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("\"status\":\"failed\""), r.out());
    assertTrue(r.out().contains("\"hint\":\"sum\""), r.out());
    assertTrue(r.out().contains("\"seed\":1"), r.out());
    CliHarness.Result human = cli.run("submit");
    // One short verdict, not the same line once per property.
    String[] lines = human.out().strip().split("\n");
    assertEquals(3, lines.length, human.out());
    assertTrue(lines[0].startsWith("✗ adder: nothing implemented yet"), human.out());
    assertEquals("  Your files are still the stubs: the 2 properties that fail stop at code that"
        + " still throws UnsupportedOperationException, the first: TODO: add at"
        + " SimpleAdder.java:5 (in add).", lines[1]);
    assertEquals("  Start there, then submit again. The brief: dstutor show adder   ·   first hint:"
        + " dstutor hint", lines[2]);
  }

  @Test
  void aFailureNamesTheHintRungAboutIt() {
    cli.write(REL, "SimpleAdder.java", adder("return a - b;"));
    CliHarness.Result r = cli.run("submit", "adder");
    assertTrue(r.out().contains("    hint 1 of 2 is about this (dstutor hint reveals them in"
        + " order; next: 1 of 2)   ·   read: dstutor read addition#adding-numbers"), r.out());
    cli.run("hint", "adder");
    r = cli.run("submit", "adder");
    assertTrue(r.out().contains("    hint 1 of 2 is about this (shown: dstutor hint --all)"),
        r.out());
  }

  @Test
  void wrongAnswerNamesTheCounterexample() {
    cli.write(REL, "SimpleAdder.java", adder("return a - b;"));
    CliHarness.Result r = cli.run("submit", "adder");
    assertEquals(1, r.code());
    assertTrue(r.out().contains("1 of 2 properties hold"), r.out());
    assertTrue(r.out().contains("add("), r.out());
    assertTrue(r.out().contains("seed 1"), r.out());
  }

  @Test
  void replayRunsOneSeedAndRecordsNoPass() throws Exception {
    cli.write(REL, "SimpleAdder.java", adder("return a + b;"));
    CliHarness.Result r = cli.run("submit", "adder", "--seed", "7");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("only seed 7 ran"), r.out());
    assertTrue(cli.run("solution", "adder").code() != 0);
  }

  @Test
  void compileErrorShowsTheLearnersPathLineAndColumn() {
    Path file = cli.write(REL, "SimpleAdder.java", adder("return a + b"));
    CliHarness.Result r = cli.run("submit", "adder", "--json");
    assertEquals(1, r.code());
    assertTrue(r.out().contains("\"status\":\"compile_error\""), r.out());
    CliHarness.Result human = cli.run("submit", "adder");
    assertTrue(human.out().contains(file + ":4:"), human.out());
    assertTrue(human.out().contains("';' expected"), human.out());
    assertTrue(!human.out().contains("AdderSuite"), "hidden suite must not leak: " + human.out());
  }

  @Test
  void changedSignatureIsReportedWithoutShowingTheSuite() {
    cli.write(REL, "SimpleAdder.java", "public class SimpleAdder {\n}\n");
    CliHarness.Result r = cli.run("submit", "adder");
    assertEquals(1, r.code());
    assertTrue(r.out().contains("the hidden tests do not compile against your code"), r.out());
  }

  @Test
  void passingUnlocksTheSolution() {
    CliHarness.Result locked = cli.run("solution", "adder");
    assertEquals(1, locked.code());
    assertTrue(locked.err().contains("unlocks once you pass"), locked.err());
    cli.write(REL, "SimpleAdder.java", adder("return b + a;"));
    CliHarness.Result r = cli.run("submit", "adder", "--json");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("\"status\":\"passed\""), r.out());
    CliHarness.Result solution = cli.run("solution", "adder");
    assertEquals(0, solution.code(), solution.err());
    assertTrue(solution.out().contains("return a + b;"), solution.out());
    assertTrue(solution.out().contains("The answer key."), solution.out());
  }

  @Test
  void infiniteLoopTimesOutAndSaysWhere() throws Exception {
    cli.write(REL, "SimpleAdder.java", adder("return a + b;"));
    assertEquals(0, cli.run("submit", "adder").code());
    cli.write(REL, "SimpleAdder.java", adder("while (true) { }"));
    CliHarness.Result r = cli.run("submit", "adder", "--json");
    assertEquals(1, r.code());
    assertTrue(r.out().contains("\"status\":\"timeout\""), r.out());
    assertTrue(r.out().contains("SimpleAdder.java:4"), r.out());
    // The per-test limit (2 s of CPU time) ended it, not the total limit (10 s): said by the
    // message, not by a wall-clock time, which a busy machine stretches.
    assertTrue(r.out().contains("used more than 2 s of CPU time"), r.out());
    String progress = Files.readString(cli.home.resolve("progress.json"));
    assertTrue(progress.contains("\"passed\" : true") && progress.contains("\"lastStatus\" :"
        + " \"timeout\""), progress);
  }

  @Test
  void anExceptionIsShownWithTheScenarioItHappenedIn() {
    cli.write(REL, "SimpleAdder.java", adder("throw new IllegalStateException(\"boom\");"));
    CliHarness.Result r = cli.run("submit", "adder");
    assertTrue(r.out().contains("    add(") && r.out().contains(") on a new SimpleAdder\n"
        + "    your code threw IllegalStateException: boom at SimpleAdder.java:4 (in add)\n"
        + "    seed 1   replay: dstutor submit adder --seed 1"), r.out());
  }

  @Test
  void codeThatSleepsForeverTimesOutLikeALoop() {
    cli.write(REL, "SimpleAdder.java", adder("try { Thread.sleep(600_000); }"
        + " catch (InterruptedException e) { } return a + b;"));
    long start = System.nanoTime();
    CliHarness.Result r = cli.run("submit", "adder", "--json");
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertEquals(1, r.code());
    assertTrue(r.out().contains("\"status\":\"timeout\""), r.out());
    assertTrue(r.out().contains("SimpleAdder.java:4"), r.out());
    // Asleep, it uses no CPU time: the time it spends blocked counts instead (2 s here).
    assertTrue(seconds < 9, "took " + seconds + " s");
  }

  @Test
  void systemExitCrashesWithoutLosingProgress() throws Exception {
    cli.write(REL, "SimpleAdder.java", adder("return a + b;"));
    assertEquals(0, cli.run("submit", "adder").code());
    cli.write(REL, "SimpleAdder.java", adder("System.exit(0); return 0;"));
    CliHarness.Result r = cli.run("submit", "adder", "--json");
    assertEquals(1, r.code());
    assertTrue(r.out().contains("\"status\":\"crashed\""), r.out());
    assertTrue(r.out().contains("System.exit"), r.out());
    assertTrue(r.out().contains("SimpleAdder.java:4"), r.out());
    String progress = Files.readString(cli.home.resolve("progress.json"));
    assertTrue(progress.contains("\"passed\" : true"), progress);
    assertEquals(0, cli.run("solution", "adder").code());
  }

  @Test
  void outOfMemoryCrashes() {
    cli.write(REL, "SimpleAdder.java", adder(
        "java.util.List<long[]> l = new java.util.ArrayList<>();"
            + " while (true) { l.add(new long[1 << 20]); }"));
    CliHarness.Result r = cli.run("submit", "adder", "--json");
    assertEquals(1, r.code());
    assertTrue(r.out().contains("\"status\":\"crashed\""), r.out());
    assertTrue(r.out().contains("memory"), r.out());
  }

  @Test
  void stackOverflowCrashesAndSaysWhere() {
    cli.write(REL, "SimpleAdder.java", adder("return add(a, b) + 1;"));
    CliHarness.Result r = cli.run("submit", "adder", "--json");
    assertEquals(1, r.code());
    assertTrue(r.out().contains("\"status\":\"crashed\""), r.out());
    assertTrue(r.out().contains("overflowed the stack"), r.out());
  }

  @Test
  void strayThreadIsReported() {
    cli.write(REL, "SimpleAdder.java", adder(
        "new Thread(() -> { while (true) { try { Thread.sleep(50); } catch (Exception e) { } } },"
            + " \"spinner\").start(); return a + b;"));
    CliHarness.Result r = cli.run("submit", "adder", "--json");
    assertEquals(1, r.code());
    assertTrue(r.out().contains("\"status\":\"crashed\""), r.out());
    assertTrue(r.out().contains("'spinner'"), r.out());
  }

  @Test
  void printedOutputIsShownWithAFailure() {
    cli.write(REL, "SimpleAdder.java", adder("System.out.println(\"debug \" + a); return 0;"));
    CliHarness.Result r = cli.run("submit", "adder");
    assertEquals(1, r.code());
    assertTrue(r.out().contains("your code printed:"), r.out());
    assertTrue(r.out().contains("debug "), r.out());
  }
}
