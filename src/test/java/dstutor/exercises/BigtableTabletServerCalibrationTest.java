package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.course.Exercise;
import dstutor.grade.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bigtable-tablet-server suite compares every SSTable and every read with an exact model, so
 * a correct tablet must pass on every seed, not only on the 30 the suite sweeps: the reference and
 * both right variants (a write-log memtable, merging oldest first; hash maps and flat entry lists
 * written blind from the brief in review) pass the random property on 300
 * further seeds. The learner's code draws no randomness, so there is no random stream to vary; the
 * seeds vary the operations. Also times a passing run and pins one known-wrong variant's message.
 */
class BigtableTabletServerCalibrationTest {
  private static final String ID = "bigtable-tablet-server";

  @Test
  void correctClientsPassOnSeedsBeyondTheSweep() throws Exception {
    Exercise e = Shipped.exercise(ID);
    List<String> failures = new ArrayList<>();
    for (String variant : new String[] {null, "right/write-log-memtable", "right/blind-from-brief"}) {
      Class<?> suite = Shipped.suite(e, Shipped.learnerTexts(e, variant));
      String before = System.getProperty(Seeds.REPLAY_PROPERTY);
      try {
        for (long seed = 31; seed <= 330; seed++) {
          System.setProperty(Seeds.REPLAY_PROPERTY, Long.toString(seed));
          Throwable t = Shipped.invoke(suite, "randomRuns");
          if (t != null) {
            failures.add((variant == null ? "reference" : variant) + ", seed " + seed + ": "
                + t.getMessage().lines().findFirst().orElse(""));
          }
        }
      } finally {
        if (before == null) {
          System.clearProperty(Seeds.REPLAY_PROPERTY);
        } else {
          System.setProperty(Seeds.REPLAY_PROPERTY, before);
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void aPassingSubmitTakesWellUnderTwoSecondsOfCpu() throws Exception {
    Exercise e = Shipped.exercise(ID);
    Class<?> suite = Shipped.suite(e, Shipped.learnerTexts(e, null));
    String[] tests = {"argumentsAreChecked", "readMergesEverything",
        "deletionEntriesHideOlderVersions", "keepsTheNewestVersions", "minorCompactionAtTheLimit",
        "mergingCompaction", "majorCompaction", "ownStateAndMoves", "randomRuns"};
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long start = mx.getCurrentThreadCpuTime();
    for (String test : tests) {
      Throwable t = Shipped.invoke(suite, test);
      assertEquals(null, t, test);
    }
    long cpuMillis = (mx.getCurrentThreadCpuTime() - start) / 1_000_000;
    System.out.println("bigtable-tablet-server: a passing run took " + cpuMillis + " ms of CPU");
    assertTrue(cpuMillis < 2_000, cpuMillis + " ms");
  }

  @Test
  void aMergeThatDropsDeletionEntriesIsShownTheSSTables() throws Exception {
    Exercise e = Shipped.exercise(ID);
    Map<String, String> learner = Shipped.learnerTexts(e, "wrong/merging-drops-deletions");
    Throwable t = Shipped.invoke(Shipped.suite(e, learner), "mergingCompaction");
    assertNotNull(t);
    String m = t.getMessage();
    assertTrue(m.contains("after mergingCompaction(1), the SSTables (newest first) are:"), m);
    assertTrue(m.contains("row/col@2 DELETE"), m);
    assertTrue(m.contains("one deletion entry at the highest deleted timestamp D"), m);
  }
}
