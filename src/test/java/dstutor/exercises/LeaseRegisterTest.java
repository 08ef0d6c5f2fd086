package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.course.Exercise;
import dstutor.grade.Because;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lease suite's protected register: clients read and write it through the holders that act,
 * and its history goes through the linearizability checker. The wrong holders that let two act
 * at once fail that property on a stale read, shown with the replay seed; a holder that clears
 * its lease from a timer fails only once a GC-like pause makes the timer late.
 */
class LeaseRegisterTest {
  private static final int CALIBRATION = 300;
  /** Variants that break mutual exclusion in the register's runs, with the hint each names. */
  private static final List<List<String>> TWO_ACTORS = List.of(
      List.of("wrong/acts-before-grant", "grants-only"),
      List.of("wrong/static-lease", "grants-only"),
      List.of("wrong/acts-while-renewing", "the-deadline"),
      List.of("wrong/extends-on-send", "the-deadline"),
      List.of("wrong/grantor-clock", "the-deadline"),
      List.of("wrong/expires-on-timer", "the-deadline"));

  @Test
  void holdersThatActTogetherLetAStaleReadThroughAndTheCheckerFindsIt() throws Exception {
    for (List<String> v : TWO_ACTORS) {
      Throwable t = run(v.get(0), "registerIsLinearizable");
      assertNotNull(t, v.get(0) + " passed the register property");
      String m = t.getMessage();
      assertEquals(v.get(1), Because.hintOf(t), v.get(0) + ": " + m);
      assertTrue(m.contains("The clients' history of the protected register is not"
          + " linearizable: get(register) by c"), v.get(0) + ": " + m);
      assertTrue(m.contains(" STALE: put(register, v"), v.get(0) + ": " + m);
      assertTrue(m.contains("✗ STALE"), v.get(0) + ": the timeline marks the read: " + m);
      assertTrue(m.contains("The first departure from the brief's model in this run: h"),
          v.get(0) + ": " + m);
      assertTrue(m.contains("replay: dstutor submit"), v.get(0) + ": " + m);
    }
  }

  @Test
  void correctHoldersKeepTheRegisterLinearizable() throws Exception {
    for (String v : new String[] {null, "right/blind-from-brief", "right/held-flag"}) {
      assertNull(run(v, "registerIsLinearizable"), String.valueOf(v));
      assertNull(run(v, "pausesAndGrantorCrashes"), String.valueOf(v));
    }
  }

  /**
   * The faults of the new runs (pauses, grantor crashes, drifting grantor clock) must not fail a
   * correct holder on some seed a submit does not sweep: seeds 1..CALIBRATION, replayed one at a
   * time, for the reference and both correct variants.
   */
  @Test
  void correctHoldersPassManyMoreSeedsThanASubmitSweeps() throws Exception {
    Exercise e = Shipped.exercise("lease");
    List<String> failures = new java.util.ArrayList<>();
    for (String v : new String[] {null, "right/blind-from-brief", "right/held-flag"}) {
      Class<?> suite = Shipped.suite(e, Shipped.learnerTexts(e, v));
      failures.addAll(Shipped.sweep(suite, String.valueOf(v),
          List.of("pausesAndGrantorCrashes", "registerIsLinearizable"), 1, CALIBRATION));
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void onlyAPauseShowsAHolderWhoseLeaseEndsOnATimer() throws Exception {
    for (String test : List.of("exactOnReliableNetwork", "lossyNetwork", "skewAndDrift",
        "crashesForgetTheLease", "deterministic")) {
      assertNull(run("wrong/expires-on-timer", test), test);
    }
    Throwable t = run("wrong/expires-on-timer", "pausesAndGrantorCrashes");
    assertNotNull(t);
    assertEquals("the-deadline", Because.hintOf(t));
    assertTrue(t.getMessage().contains("FAULT: pause h"), t.getMessage());
    assertTrue(t.getMessage().contains("said it was acting at"), t.getMessage());
  }

  private static Throwable run(String variant, String test) throws Exception {
    Exercise e = Shipped.exercise("lease");
    return Shipped.invoke(Shipped.suite(e, Shipped.learnerTexts(e, variant)), test);
  }
}
