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
 * The bigtable-tablet-location suite compares every read with an exact model, so a correct client
 * must pass on every seed, not only on the 40 the suite sweeps: the reference and both right
 * variants (an end-keyed cache layout; lists written blind from the brief in review) pass the
 * random property on 300 further seeds. The learner's
 * code draws no randomness, so there is no random stream to vary; the seeds vary the cluster's
 * moves, splits and unavailable tablets. Also pins the message of one known-wrong variant.
 */
class BigtableTabletLocationCalibrationTest {
  private static final String ID = "bigtable-tablet-location";

  @Test
  void correctClientsPassOnSeedsBeyondTheSweep() throws Exception {
    Exercise e = Shipped.exercise(ID);
    List<String> failures = new ArrayList<>();
    for (String variant : new String[] {null, "right/end-keyed-loop", "right/blind-from-brief"}) {
      Class<?> suite = Shipped.suite(e, Shipped.learnerTexts(e, variant));
      failures.addAll(Shipped.sweep(suite, variant == null ? "reference" : variant,
          List.of("randomRunsMatchTheModel"), 41, 340));
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void aClientThatSkipsTheCachedMetadataEntryIsToldTheModelsCounts() throws Exception {
    Exercise e = Shipped.exercise(ID);
    Map<String, String> learner = Shipped.learnerTexts(e, "wrong/stale-user-skips-metadata");
    Throwable t = Shipped.invoke(Shipped.suite(e, learner), "staleEntriesClimbOnlyAsNeeded");
    assertNotNull(t);
    String m = t.getMessage();
    assertTrue(m.contains("read(\"users\", \"row-060\")"), m);
    assertTrue(m.contains("expected: chubby 0, root 0, metadata 1, read 2"), m);
    assertTrue(m.contains("got: chubby 0, root 1, metadata 1, read 2"), m);
    assertTrue(m.contains("moved users[row-050, row-100)@ts5 to ts6"), m);
  }
}
