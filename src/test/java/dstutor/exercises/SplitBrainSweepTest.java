package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.course.Exercise;
import dstutor.grade.Because;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The split-brain suite's seeded sweep over random partition schedules: correct replicas written
 * differently pass it over many more seeds than a submit runs, the wrong ones it catches fail
 * with their own hint and a replay command, and the vote count of an index whose own entry was
 * truncated and written again is pinned by a fixed scenario.
 */
class SplitBrainSweepTest {
  /** Seeds 1..CALIBRATION, five times what a submit sweeps. */
  private static final int CALIBRATION = 500;

  /** Wrong variants the random schedules catch; each must fail with its own hint. */
  private static final List<String> CAUGHT = List.of("adopts-older-epoch", "appends-at-end",
      "commits-on-write", "counts-duplicate-acks", "ignores-rejecting-reply", "keeps-stale-tail",
      "majority-half", "never-steps-down-on-append", "no-epoch-check", "one-epoch-slack",
      "rejects-equal", "reply-carries-message-epoch", "steps-down-keeps-epoch",
      "still-answers-writes", "string-compare");

  @Test
  void correctReplicasPassEverySeedOfALongSweep() throws Exception {
    Exercise e = Shipped.exercise("split-brain");
    List<String> failures = new ArrayList<>();
    for (String v : new String[] {null, "right/blind-from-brief", "right/sublist-and-half"}) {
      Class<?> suite = Shipped.suite(e, Shipped.learnerTexts(e, v));
      Throwable fixed = Shipped.invoke(suite, "ownEntryTruncatedThenRewritten");
      if (fixed != null) {
        failures.add(v + ": " + fixed.getMessage());
      }
      failures.addAll(Shipped.sweep(suite, String.valueOf(v),
          List.of("randomPartitionSchedules"), 1, CALIBRATION));
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void wrongReplicasFailTheSweepWithTheirHintAndAReplaySeed() throws Exception {
    Exercise e = Shipped.exercise("split-brain");
    for (String name : CAUGHT) {
      String v = "wrong/" + name;
      Throwable t = Shipped.invoke(Shipped.suite(e, Shipped.learnerTexts(e, v)),
          "randomPartitionSchedules");
      assertNotNull(t, v + " passed the random schedules");
      assertEquals(Shipped.read(e, v).hint(), Because.hintOf(t), v + ": " + t.getMessage());
      assertTrue(t.getMessage().startsWith("Random schedule of seed "), t.getMessage());
      assertTrue(t.getMessage().contains("\nseed "), t.getMessage());
      assertTrue(t.getMessage().contains("replay: dstutor submit"), t.getMessage());
    }
  }

  @Test
  void votesForATruncatedOwnEntryDoNotCountForTheNextOneAtItsIndex() throws Exception {
    Exercise e = Shipped.exercise("split-brain");
    Throwable t = Shipped.invoke(Shipped.suite(e, Shipped.learnerTexts(e,
        "wrong/votes-outlive-the-entry")), "ownEntryTruncatedThenRewritten");
    assertNotNull(t);
    assertEquals("current-epoch-majority", Because.hintOf(t));
    assertTrue(t.getMessage().contains("write(\"n2\") on replica 0; onAppend(3, 2, \"n2\") from"
        + " replica 0 to replica 3; onAppendReply(3, 2, EpochReply[ok=true, epoch=3]) to replica"
        + " 0: replica 0's isCommitted(2) = true; expected false"), t.getMessage());
  }
}
