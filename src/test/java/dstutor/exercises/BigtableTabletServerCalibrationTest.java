package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.course.Exercise;
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
 * seeds vary the operations. Also pins one known-wrong variant's message.
 */
class BigtableTabletServerCalibrationTest {
  private static final String ID = "bigtable-tablet-server";

  @Test
  void correctClientsPassOnSeedsBeyondTheSweep() throws Exception {
    Exercise e = Shipped.exercise(ID);
    List<String> failures = new ArrayList<>();
    for (String variant : new String[] {null, "right/write-log-memtable", "right/blind-from-brief"}) {
      Class<?> suite = Shipped.suite(e, Shipped.learnerTexts(e, variant));
      failures.addAll(Shipped.sweep(suite, variant == null ? "reference" : variant,
          List.of("randomRuns"), 31, 330));
    }
    assertEquals(List.of(), failures);
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
