package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.course.Exercise;
import dstutor.grade.Because;
import org.junit.jupiter.api.Test;

/**
 * What the two Chubby suites tell a learner, pinned on shipped known-wrong variants: the
 * property that breaks, the hint rung about the cause, the numbers of the model, and the replay
 * command.
 */
class ChubbySuiteMessagesTest {

  private static Throwable run(String id, String variant, String test) throws Exception {
    Exercise e = Shipped.exercise(id);
    return Shipped.invoke(Shipped.suite(e, Shipped.learnerTexts(e, variant)), test);
  }

  @Test
  void aLocalLeaseWithoutTheFlightAllowanceIsToldItsBudget() throws Exception {
    Throwable t = run("chubby-sessions", "wrong/no-flight-allowance", "lossy");
    assertEquals("local-lease", Because.hintOf(t));
    assertTrue(t.getMessage().matches("(?s).*budget = \\(\\d+ - 10\\) \\* 990000 / 1000000 = \\d+.*"),
        t.getMessage());
    assertTrue(t.getMessage().contains("replay: dstutor submit"),
        t.getMessage());
  }

  @Test
  void aClientThatKeepsItsOldEpochIsToldTheEpochToCarry() throws Exception {
    Throwable t = run("chubby-sessions", "wrong/ignores-epoch", "reliable");
    assertEquals("keepalives", Because.hintOf(t));
    assertTrue(t.getMessage().contains("the epoch it must carry is"), t.getMessage());
  }

  @Test
  void aLateJeopardyIsCaughtAtTheMillisecond() throws Exception {
    Throwable t = run("chubby-sessions", "wrong/jeopardy-a-tick-late", "lossy");
    assertEquals("jeopardy-and-grace", Because.hintOf(t));
    assertTrue(t.getMessage().contains("events.jeopardy()"), t.getMessage());
  }

  @Test
  void aServerWithoutCheckSequencerLetsThePausedHolderThrough() throws Exception {
    assertNull(run("chubby-sequencers", null, "pausedHolder"));
    Throwable t = run("chubby-sequencers", "wrong/never-asks-chubby", "pausedHolder");
    assertEquals("check-sequencer", Because.hintOf(t));
    assertTrue(t.getMessage().contains("write(\"master\", \"c1 again\", (/ls/cell/db/primary,"
        + " EXCLUSIVE, 1)) returned OK; expected REJECTED (check 4"), t.getMessage());
  }

  @Test
  void newestPerKeyIsCaughtInRandomRunsWithAReplay() throws Exception {
    Throwable t = run("chubby-sequencers", "wrong/newest-per-key", "randomRuns");
    assertEquals("server-checks", Because.hintOf(t));
    assertTrue(t.getMessage().contains("check 3: generation"), t.getMessage());
    assertTrue(t.getMessage().contains("replay: dstutor submit"),
        t.getMessage());
    assertNull(run("chubby-sequencers", "right/one-predicate", "randomRuns"));
  }
}
