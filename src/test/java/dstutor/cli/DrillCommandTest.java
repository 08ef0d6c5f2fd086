package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.repl.Repl;
import dstutor.session.Session;
import dstutor.term.Console;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `dstutor drill` end to end: the real command line with stdin piped, and in the shell. */
class DrillCommandTest {
  CliHarness cli;
  Path tmp;

  @BeforeEach
  void setUp(@TempDir Path tmp) {
    this.tmp = tmp;
    cli = new CliHarness(tmp, CliHarness.fixtureCourse());
  }

  private List<Path> runs() throws IOException {
    try (Stream<Path> s = Files.list(cli.home.resolve("drills"))) {
      return s.sorted().toList();
    }
  }

  @Test
  void listsTheDrillsWithAOneLineSummary() {
    CliHarness.Result r = cli.run("drill");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("  tiny-kv                   45 min  A tiny replicated key-value"
        + " store (7 phases, 8 concepts)"), r.out());
  }

  @Test
  void aMistypedIdSuggestsTheClosest() {
    CliHarness.Result r = cli.run("drill", "tiny-kb");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no drill 'tiny-kb'; did you mean 'tiny-kv'?"), r.err());
  }

  @Test
  void badOptionsSayWhatToDo() {
    assertTrue(cli.run("drill", "tiny-kv", "--minutes", "0").err()
        .contains("--minutes must be from 1 to 600, not 0"));
    assertTrue(cli.run("drill", "--minutes", "5").err()
        .contains("--minutes needs a drill id: dstutor drill <id> --minutes 5"));
    assertTrue(cli.run("drill", "--resume").err().contains("no unfinished drill to resume;"
        + " `dstutor drill --history` lists yours"));
  }

  @Test
  void aPipedRunEndsWithTheReportAndKeepsIt() throws IOException {
    String input = "Always writable, with eventual consistency.\n\nskip\n5800\n100\n"
        + "end\n";
    CliHarness.Result r = cli.runWithInput(input, "drill", "tiny-kv", "--minutes", "1");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("[0:00] phase 1 of 7: Requirements (0:06)"), r.out());
    assertTrue(r.out().contains("phase 2 of 7: Estimates (0:06)"), r.out());
    assertTrue(r.out().contains("✓ 5,800 writes/s: accepted from 2,900 to 11,600 writes/s"),
        r.out());
    assertTrue(r.out().contains("drill ended with end."), r.out());
    assertTrue(r.out().contains("**Coverage: 9%** of the rubric's weight (2 of 23)"), r.out());
    assertTrue(r.out().contains("`dstutor read addition#in-the-seven-systems`"), r.out());
    Path report = runs().get(0).resolve("report.md");
    assertTrue(Files.readString(report).contains("Always writable, with eventual consistency."));
    CliHarness.Result h = cli.run("drill", "--history");
    assertTrue(h.out().matches("(?s).*tiny-kv\\s+9%\\s+0:\\d\\d / 1:00\\s+finished early \\(end\\).*"),
        h.out());
    assertTrue(cli.run("drill").out().contains("last: 9%"));
  }

  @Test
  void theEndOfInputSavesAndResumeGoesOn() throws IOException {
    CliHarness.Result first = cli.runWithInput("We use consistent hashing.\n", "drill", "tiny-kv");
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains("Go on later with: dstutor drill --resume"), first.out());
    assertTrue(cli.run("drill", "--history").out().contains("not finished (dstutor drill"
        + " --resume)"));
    CliHarness.Result second = cli.runWithInput("Gossip for membership.\n\nend\n", "drill",
        "--resume");
    assertEquals(0, second.code(), second.err());
    assertTrue(second.out().contains("Resuming A tiny replicated key-value store at 0:"),
        second.out());
    assertTrue(second.out().contains("phase 1 of 7: Requirements (5 min, resumed with"),
        second.out());
    String report = Files.readString(runs().get(0).resolve("report.md"));
    assertTrue(report.contains("We use consistent hashing.\n\nGossip for membership."), report);
    assertEquals(1, runs().size(), "resuming continues the same run");
    assertTrue(cli.run("drill", "--resume").err().contains("no unfinished drill"));
  }

  @Test
  void aDamagedStateIsReportedAndKept() throws IOException {
    cli.runWithInput("", "drill", "tiny-kv");
    Path state = runs().get(0).resolve("state.json");
    Files.writeString(state, "{ not json");
    CliHarness.Result r = cli.run("drill", "--resume");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("the drill state " + state + " cannot be read"), r.err());
    assertTrue(r.err().contains("it is left as it is"), r.err());
    assertTrue(Files.exists(state));
    assertTrue(cli.run("drill", "--history").out().contains("state.json is damaged and kept"));
  }

  @Test
  void editTakesWhatTheEditorSaved() throws IOException {
    Path editor = tmp.resolve("editor.sh");
    Files.writeString(editor, "#!/bin/sh\nprintf 'We repair stale replicas with read repair.\\n'"
        + " > \"$1\"\n");
    editor.toFile().setExecutable(true);
    cli.env.put("EDITOR", editor.toString());
    CliHarness.Result r = cli.runWithInput("a first draft\n\nedit\nend\n", "drill", "tiny-kv");
    assertTrue(r.out().contains("Your Requirements answer is now what you saved (1 lines)."),
        r.out() + r.err());
    String report = Files.readString(runs().get(0).resolve("report.md"));
    assertTrue(report.contains("We repair stale replicas with read repair."), report);
    assertTrue(report.contains("| ✓ | Repair stale replicas on read |"), report);
  }

  @Test
  void courseCheckReportsABrokenDrillWithItsPlace() throws IOException {
    Path file = cli.course.resolve("content/drills/tiny-kv.yaml");
    String text = Files.readString(file).replace("    at: 10\n", "    at: 8\n");
    Files.writeString(file, text);
    CliHarness.Result r = cli.run("course", "check", "--exercise", "adder");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("✗ " + file + ":35:9: phase 'api' starts at minute 8"), r.out());
  }

  @Test
  void runsInTheShellOnItsTerminal() throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Console console = new Console(new PrintWriter(out, true), new PrintWriter(err, true), false);
    String input = "drill tiny-kv --minutes 2\nHinted handoff keeps writes.\n\nend\nexit\n";
    ByteArrayOutputStream termOut = new ByteArrayOutputStream();
    Terminal terminal = new DumbTerminal(new ByteArrayInputStream(
        input.getBytes(StandardCharsets.UTF_8)), termOut);
    Session session = new Session(cli.env, console);
    assertEquals(0, new Repl(session, Main::commandLine, terminal).run());
    String shown = termOut.toString(StandardCharsets.UTF_8);
    assertTrue(shown.contains("phase 1 of 7: Requirements (0:13)"), shown + err);
    assertTrue(shown.contains("**Coverage: 13%**"), shown);
    assertTrue(shown.contains("| ✓ | Keep writes for a down node as hints"), shown);
  }
}
