package dstutor.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.term.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs of the 45-minute fixture drill, in milliseconds, through the real runner. */
class DrillRunnerTest {
  static final String STARTED = "2026-12-01T10:00:00";
  final Drill drill = Fixture.drill();
  final long[] now = {0};
  final List<String> warnings = new ArrayList<>();
  @TempDir
  Path home;

  /** The learner of the whole-run test: each step's seconds are since the step before. */
  static ScriptedIo script(ScriptedIo io, int part) {
    if (part != 2) {
      io.answer(60, "It must be always writable; we accept eventual consistency.\n"
              + "Values are small.") // requirements, 1:00
          .at(260, "5.8k") // 5:20: the requirements box ended at 5:00, estimates are current
          .at(10, "250 GB")
          .answer(10, "Peak is about twice the average.")
          .answer(360, "get(key) and put(key, context, value)") // 11:40, API
          .answer(300, "Each value carries a vector clock; concurrent versions are siblings.")
          .answer(300, "Consistent hashing with vnodes; every key has three replicas."); // 21:40
    }
    if (part != 1) {
      io.at(400, "Reads and writes use a") // 28:20, in high-level design
          .answer(120, "quorum with R + W > N.") // 30:20: deep dives began at 30:00
          .at(100, "skip") // 32:00: deep dives skipped after 2:00
          .answer(60, "Gossip spreads membership news.") // failures, 33:00
          .at(480, "that is all"); // 41:00: failures ended at 39:00, so the drill is over
    }
    return io;
  }

  DrillRunner.Outcome runOnce(Path dir, DrillRun run, ScriptedIo io) {
    Console console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(
        new StringWriter()), false);
    return new DrillRunner(run, dir, io, console, file -> { }, warnings::add).run();
  }

  Path newDir() throws IOException {
    return StateFile.newRunDir(home, drill.id(), LocalDateTime.parse(STARTED));
  }

  @Test
  void aWholeDrillRunsInMillisecondsAndReportsCoverageTimeMissesAndEstimates()
      throws IOException {
    Path dir = newDir();
    ScriptedIo io = script(new ScriptedIo(now), 0);
    DrillRunner.Outcome o = runOnce(dir, DrillRun.start(drill, 45, STARTED, () -> now[0]), io);
    assertTrue(o.finished(), io.transcript.toString());
    assertEquals(List.of(), warnings);
    String report = Files.readString(dir.resolve("report.md"));
    // 18 of 23: read repair (2) and hinted handoff (3) are missed.
    assertTrue(report.contains("**Coverage: 78%** of the rubric's weight (18 of 23); 6 of 8"
        + " concepts mentioned. Time used: 39:00 of 45:00."), report);
    assertTrue(report.contains("| 1 | Requirements | 0:00–5:00 (5:00) | 5:00 | 100% (1 of 1) |"),
        report);
    assertTrue(report.contains("| 2 | Estimates | 5:00–10:00 (5:00) | 5:00 | nothing expected |"),
        report);
    assertTrue(report.contains("| 5 | High-level design | 20:00–30:00 (10:00) | 10:00 | 100%"
        + " (3 of 3) |"), report);
    assertTrue(report.contains("| 6 | Deep dives | 30:00–38:00 (8:00) | 2:00, skipped | 0% (0 of"
        + " 2) |"), report);
    assertTrue(report.contains("| 7 | Failures | 38:00–45:00 (7:00) | 7:00 | 22% (1 of 3) |"),
        report);
    assertTrue(report.contains("| ✓ | Read and write quorums with R + W > N | 4 |"
        + " high-level-design, failures | high-level-design | \"quorum\", \"r + w\" |"), report);
    assertTrue(report.contains("| ✓ | Spread keys with consistent hashing and virtual nodes | 3 |"
        + " high-level-design | high-level-design | \"consistent hashing\", \"vnode\" |"), report);
    assertTrue(report.contains("- **Repair stale replicas on read** (weight 2): `dstutor read"
        + " addition#trade-offs-and-failure-modes`\n  Words that would have counted: \"read"
        + " repair\""), report);
    assertTrue(report.contains("- **Keep writes for a down node as hints and hand them off later**"
        + " (weight 3): `dstutor read addition#in-the-seven-systems`"), report);
    assertTrue(report.contains("- **12:00** Traffic grows tenfold overnight.\n  Expected"
        + " concepts: partitioning ✓"), report);
    assertTrue(report.contains("Two clients write the same key at once on different sides of a"
        + " partition. (not reached)"), report);
    assertTrue(report.contains("✓ you: 5,800 writes/s; accepted from 2,900 to 11,600 writes/s"
        + " (within 2× of 5,800)\n  Working: 50e6 × 10 / 86,400 s ≈ 5,800 writes/s."), report);
    assertTrue(report.contains("✗ you: 250 GB; accepted from 66.7 to 150 GB (within 1.5× of"
        + " 100)"), report);
    assertTrue(report.contains("- [ ] I sized the write rate and the storage."), report);
    assertTrue(report.contains("## Model outline\n\n### Requirements"), report);
    assertTrue(report.contains(Report.HONEST), report);
    assertTrue(report.contains("### 5. High-level design\n\n~~~~text\nConsistent hashing with"
        + " vnodes; every key has three replicas.\n\nReads and writes use a\nquorum with R + W >"
        + " N.\n~~~~"), report);
    assertTrue(report.contains("Gossip spreads membership news.\n\nthat is all"), report);
    // What the learner saw: phase headlines with the drill time, the curveball before a prompt.
    String t = io.transcript.toString();
    assertTrue(t.contains("[10:00] phase 3 of 7: API (5 min)"), t);
    assertTrue(t.contains("[12:00] CURVEBALL: Traffic grows tenfold overnight."), t);
    assertTrue(t.contains("[30:00] time is up for High-level design (10:00). The answer you are"
        + " typing still goes to High-level design"), t);
    assertTrue(t.contains("[39:00] time is up for Failures (7:00).\n[39:00] the drill is over."), t);
    assertTrue(t.contains("Working: 50e6 × 10 / 86,400 s"), t);
  }

  @Test
  void killedAfterAPhaseAndResumedLosesNothing(@TempDir Path other) throws Exception {
    Path whole = newDir();
    runOnce(whole, DrillRun.start(drill, 45, STARTED, () -> now[0]), script(new ScriptedIo(now),
        0));

    long[] clock = {0};
    Path dir = StateFile.newRunDir(other, drill.id(), LocalDateTime.parse(STARTED));
    ScriptedIo first = script(new ScriptedIo(clock), 1);
    first.kill(); // the terminal dies here, at 21:40, in high-level design
    DrillRun dying = DrillRun.start(drill, 45, STARTED, () -> clock[0]);
    assertThrows(ScriptedIo.Killed.class, () -> runOnce(dir, dying, first));

    // A day passes; the time away does not count.
    clock[0] += 24 * 3600_000L;
    StateFile.Saved saved = StateFile.load(dir);
    assertEquals(21 * 60_000 + 40_000, saved.state().elapsed);
    assertEquals(4, saved.state().phase);
    assertEquals(DrillHistory.load(other).latestUnfinished().orElseThrow().dir(), dir);
    DrillRun again = DrillRun.resume(drill, saved.state(), () -> clock[0]);
    ScriptedIo second = script(new ScriptedIo(clock), 2);
    assertTrue(runOnce(dir, again, second).finished(), second.transcript.toString());
    assertTrue(second.transcript.toString().contains("[21:40] phase 5 of 7: High-level design"
        + " (10 min, resumed with 8:20 left)"), second.transcript.toString());

    assertEquals(Files.readString(whole.resolve("state.json")),
        Files.readString(dir.resolve("state.json")));
    assertEquals(Files.readString(whole.resolve("report.md")),
        Files.readString(dir.resolve("report.md")));
  }

  @Test
  void theStateIsOnDiskAfterEveryLine() throws Exception {
    Path dir = newDir();
    long[] clock = {0};
    ScriptedIo io = new ScriptedIo(clock).at(10, "first line of an answer").kill();
    assertThrows(ScriptedIo.Killed.class,
        () -> runOnce(dir, DrillRun.start(drill, 45, STARTED, () -> clock[0]), io));
    assertEquals("first line of an answer", StateFile.load(dir).state().phases.get(0).answer);
  }

  @Test
  void aDamagedStateFileIsReportedAndKept() throws Exception {
    Path dir = newDir();
    Files.writeString(dir.resolve("state.json"), "{\"version\": 1, \"drill\": ");
    StateFile.DamagedException e = assertThrows(StateFile.DamagedException.class,
        () -> StateFile.load(dir));
    assertTrue(e.getMessage().startsWith("the drill state " + dir.resolve("state.json")
        + " cannot be read ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("it is left as it is. Start the drill again, or repair the"
        + " file and run dstutor drill --resume."), e.getMessage());
    DrillHistory h = DrillHistory.load(home);
    assertTrue(h.entries().get(0).isDamaged());
    assertTrue(h.latestUnfinished().isEmpty());
    assertTrue(Files.exists(dir.resolve("state.json")));
  }

  @Test
  void historyGivesTheMissedReadLinksOfTheFinishedRun() throws IOException {
    Path dir = newDir();
    runOnce(dir, DrillRun.start(drill, 45, STARTED, () -> now[0]), script(new ScriptedIo(now),
        0));
    DrillHistory h = DrillHistory.load(home);
    DrillHistory.Entry e = h.latestFinished().orElseThrow();
    assertEquals("tiny-kv", e.drillId());
    assertEquals(78, e.summary().coverage());
    assertEquals(List.of("content/patterns/addition.md#trade-offs-and-failure-modes",
        "content/patterns/addition.md#in-the-seven-systems"), e.missedReads());
    assertEquals(8, h.conceptsByPage().get("addition").size());
  }
}
