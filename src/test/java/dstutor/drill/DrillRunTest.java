package dstutor.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.drill.Event.CurveballDue;
import dstutor.drill.Event.EstimateGraded;
import dstutor.drill.Event.Finished;
import dstutor.drill.Event.PhaseOver;
import dstutor.drill.Event.PhaseStarted;
import dstutor.drill.Event.TimeWarning;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run as a state machine: what falls due when, and where each line of input goes. */
class DrillRunTest {
  static final long S = 1000;
  static final long MIN = 60 * S;
  final Drill drill = Fixture.drill();
  final long[] now = {0};
  DrillRun run = DrillRun.start(drill, 45, "2026-12-01T10:00:00", () -> now[0]);

  List<Event> at(long millis) {
    now[0] = millis;
    return run.tick();
  }

  @Test
  void phasesCurveballsAndWarningsFallDueInOrder() {
    List<Event> begun = run.begin();
    assertEquals(List.of(new PhaseStarted(0, 0, 7, drill.phases().get(0), 5 * MIN, false)),
        begun);
    assertEquals(List.of(new TimeWarning(4 * MIN, MIN, drill.phases().get(0))), at(4 * MIN));
    List<Event> e = at(13 * MIN);
    assertEquals(List.of("PhaseOver@300000", "PhaseStarted@300000", "TimeWarning@540000",
        "PhaseOver@600000", "PhaseStarted@600000", "CurveballDue@720000"),
        e.stream().map(x -> x.getClass().getSimpleName() + "@" + x.at()).toList());
    assertEquals(drill.curveballs().get(0), ((CurveballDue) e.get(5)).curveball());
    List<Event> rest = at(50 * MIN);
    assertTrue(rest.get(rest.size() - 1) instanceof Finished f && !f.ended(), rest.toString());
    assertEquals(45 * MIN, rest.get(rest.size() - 1).at());
    assertTrue(rest.stream().anyMatch(x -> x instanceof TimeWarning w && w.phase() == null
        && w.at() == 40 * MIN), "five minutes left in the drill: " + rest);
    assertTrue(run.finished());
    assertEquals(45 * MIN, run.snapshot().elapsed);
  }

  @Test
  void anAnswerBelongsToThePhaseCurrentWhenItsFirstLineWasEntered() {
    run.begin();
    now[0] = 4 * MIN;
    run.input("Writes must always succeed:");
    now[0] = 6 * MIN; // the requirements box ended at 5:00 while this answer was being typed
    List<Event> e = run.input("the store is always writable.");
    assertTrue(e.get(0) instanceof PhaseOver p && p.answerOpen(), e.toString());
    run.input("");
    run.input("Estimates: about six thousand writes a second.");
    RunState s = run.snapshot();
    assertEquals("Writes must always succeed:\nthe store is always writable.",
        s.phases.get(0).answer);
    assertEquals("Estimates: about six thousand writes a second.", s.phases.get(1).answer);
  }

  @Test
  void answersInOnePhaseAreSeparatedByABlankLine() {
    run.begin();
    run.input("one");
    run.input("two");
    run.input("");
    run.input("three");
    assertEquals("one\ntwo\n\nthree", run.snapshot().phases.get(0).answer);
  }

  @Test
  void aNumberAnswersThePendingEstimateOnlyOutsideAnAnswer() {
    run.begin();
    at(5 * MIN);
    assertEquals("write-rate", run.pendingEstimate().id());
    List<Event> e = run.input("5.8k writes/s");
    EstimateGraded g = (EstimateGraded) e.get(0);
    assertTrue(g.answer().right());
    assertEquals(5800, g.answer().value());
    assertEquals("storage", run.pendingEstimate().id());
    run.input("We need:");
    run.input("250");
    assertEquals("storage", run.pendingEstimate().id(), "a number inside an answer is text");
    run.input("");
    EstimateGraded wrong = (EstimateGraded) run.input("250").get(0);
    assertFalse(wrong.answer().right(), "250 GB is outside 100 GB within 1.5");
    assertEquals(null, run.pendingEstimate());
    assertEquals("We need:\n250", run.snapshot().phases.get(1).answer);
  }

  @Test
  void pauseStopsTheClockAndResumeRestartsIt() {
    run.begin();
    now[0] = 2 * MIN;
    assertTrue(run.input("pause").get(0) instanceof Event.Paused);
    now[0] = 30 * MIN;
    assertEquals(List.of(), run.tick());
    assertEquals(2 * MIN, run.elapsed());
    run.input("a thought while paused");
    assertTrue(run.input("resume").get(0) instanceof Event.Resumed);
    now[0] = 33 * MIN;
    assertEquals(5 * MIN, run.elapsed());
    assertEquals("a thought while paused", run.snapshot().phases.get(0).answer);
    List<Event> e = run.tick();
    assertTrue(e.get(0) instanceof TimeWarning && e.get(1) instanceof PhaseOver
        && e.get(1).at() == 5 * MIN, "the box ends at 5:00 of drill time: " + e);
  }

  @Test
  void skipStartsTheNextPhaseNowWithItsFullBox() {
    run.begin();
    now[0] = MIN;
    List<Event> e = run.input("skip");
    assertEquals(new PhaseOver(MIN, 0, drill.phases().get(0), RunState.End.SKIPPED, MIN, false),
        e.get(0));
    assertEquals(new PhaseStarted(MIN, 1, 7, drill.phases().get(1), 5 * MIN, false), e.get(1));
    now[0] = 6 * MIN - 1;
    assertTrue(run.tick().stream().noneMatch(x -> x instanceof PhaseOver));
    now[0] = 6 * MIN;
    assertTrue(run.tick().stream().anyMatch(x -> x instanceof PhaseOver));
  }

  @Test
  void endFinishesNowAndLeavesLaterPhasesUnreached() {
    run.begin();
    now[0] = 7 * MIN;
    run.tick();
    List<Event> e = run.input("END");
    assertEquals(new Finished(7 * MIN, true), e.get(e.size() - 1));
    RunState s = run.snapshot();
    assertEquals("ended", s.endReason);
    assertEquals(RunState.End.ENDED, s.phases.get(1).end);
    assertEquals(-1, s.phases.get(2).started);
    assertEquals(7 * MIN, s.elapsed);
  }

  @Test
  void editAsksTheFaceWithTheAnswerSoFar() {
    run.begin();
    run.input("first draft");
    List<Event> e = run.input("edit");
    assertEquals(new Event.EditRequested(0, 0, "first draft"), e.get(0));
    run.replaceAnswer(0, "second draft\n");
    assertEquals("second draft", run.snapshot().phases.get(0).answer);
  }

  @Test
  void minutesRescaleEveryPhaseAndCurveball() {
    run = DrillRun.start(drill, 1, "2026-12-01T10:00:00", () -> now[0]);
    Plan plan = run.plan();
    assertEquals(60 * S, plan.plannedEnd());
    assertEquals(6667, plan.box(0));
    assertEquals(13333, plan.box(4), "high-level design: 10 of 45 minutes");
    assertEquals(16 * S, plan.curveballAt(0), "minute 12 of 45");
    run.begin();
    List<Event> e = at(60 * S);
    assertEquals(7, e.stream().filter(x -> x instanceof PhaseOver).count());
    assertEquals(3, e.stream().filter(x -> x instanceof CurveballDue).count());
    assertEquals(0, e.stream().filter(x -> x instanceof TimeWarning).count(),
        "no warnings: every box is shorter than three minutes");
    assertTrue(run.finished());
  }

  @Test
  void whatFellDueWhileAwayIsShownOnResume() {
    run.begin();
    now[0] = 11 * MIN + 59 * S;
    run.tick();
    now[0] = 12 * MIN + 30 * S; // the learner left just as the curveball came
    run.stop();
    RunState saved = run.snapshot();
    assertTrue(saved.curveballsShown.isEmpty(), "not shown, so not marked shown");
    DrillRun again = DrillRun.resume(drill, saved, () -> now[0] + 3600 * S);
    List<Event> e = again.begin();
    assertTrue(e.get(0) instanceof PhaseStarted p && p.resumed() && p.at() == 12 * MIN + 30 * S,
        e.toString());
    assertEquals(new CurveballDue(12 * MIN, 0, drill.curveballs().get(0)), e.get(1));
  }

  @Test
  void aRunResumesOnlyOnTheDrillItBegan() {
    run.begin();
    RunState s = run.snapshot();
    s.phases.remove(2);
    assertThrows(IllegalArgumentException.class, () -> DrillRun.resume(drill, s, () -> 0));
  }
}
