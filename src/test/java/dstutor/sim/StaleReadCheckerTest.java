package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.sim.CheckResult.Verdict;
import dstutor.sim.LinearizabilityCheckerTest.Histories;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StaleReadCheckerTest {
  @Test
  void readAfterACompletedWriteMustSeeItOrNewer() {
    Histories h = new Histories();
    h.write("w", "k", "v1", 0, 10);
    h.read("r", "k", "v1", 20, 30);
    h.write("w", "k", "v2", 40, 50);
    h.read("r", "k", "v2", 60, 70);
    assertEquals(Verdict.OK, StaleReadChecker.check(h.ops()).verdict());
  }

  @Test
  void staleReadIsMarkedWithTheWriteItMissed() {
    Histories h = new Histories();
    h.write("w", "k", "v1", 0, 5);
    int stale = h.read("r", "k", null, 6, 7);
    CheckResult r = StaleReadChecker.check(h.ops());
    assertEquals(Verdict.VIOLATION, r.verdict());
    assertEquals("STALE: put(k, v1) completed at 5 ms", r.marks().get(stale));
    assertEquals("get(k) by r at 6 ms returned nothing: STALE: put(k, v1) completed at 5 ms.",
        r.explanation());
  }

  @Test
  void overlappingReadsMayDisagreeUnlikeLinearizability() {
    // new/old inversion: allowed for a regular register, not for a linearizable one
    Histories h = new Histories();
    h.write("w", "k", "v1", 0, 100);
    h.read("r1", "k", "v1", 10, 20);
    h.read("r2", "k", null, 30, 40);
    assertEquals(Verdict.OK, StaleReadChecker.check(h.ops()).verdict());
    assertEquals(Verdict.VIOLATION, new LinearizabilityChecker().check(h.ops()).verdict());
  }

  @Test
  void unknownWritesMayLandButOnlyIfNotSuperseded() {
    Histories h = new Histories();
    h.pendingWrite("w", "k", "v1", 0);
    h.read("r", "k", "v1", 20, 30);
    assertEquals(Verdict.OK, StaleReadChecker.check(h.ops()).verdict());

    Histories later = new Histories();
    later.pendingWrite("w1", "k", "v1", 0);
    later.write("w2", "k", "v2", 10, 20);
    later.read("r", "k", "v1", 30, 40);
    assertEquals(Verdict.VIOLATION, StaleReadChecker.check(later.ops()).verdict());
  }

  @Test
  void readsOfValuesNobodyWroteOrFromTheFutureAreViolations() {
    Histories h = new Histories();
    h.read("r", "k", "ghost", 0, 10);
    assertTrue(StaleReadChecker.check(h.ops()).explanation().contains("no write"));

    Histories future = new Histories();
    future.read("r", "k", "v1", 0, 10);
    future.write("w", "k", "v1", 20, 30);
    assertTrue(StaleReadChecker.check(future.ops()).explanation().contains("before put(k, v1)"));
  }

  @Test
  void failedWritesNeverCount() {
    Histories h = new Histories();
    h.failedWrite("w", "k", "v1", 0, 10);
    h.read("r", "k", "v1", 20, 30);
    assertEquals(Verdict.VIOLATION, StaleReadChecker.check(h.ops()).verdict());
  }

  @Test
  void overlappingWritesToOneKeyAreRejected() {
    Histories h = new Histories();
    h.write("w1", "k", "v1", 0, 20);
    h.write("w2", "k", "v2", 10, 30);
    assertThrows(IllegalArgumentException.class, () -> StaleReadChecker.check(h.ops()));
  }

  @Test
  void everyLinearizableSingleWriterHistoryPasses() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int trial = 0; trial < 20; trial++) {
      List<Op> ops = Generator.linearizable(rng, 200, 3, 1); // one client: writes never overlap
      assertEquals(Verdict.OK, StaleReadChecker.check(ops).verdict(), "trial " + trial);
      Generator.Corruption c = Generator.makeStale(rng, ops);
      if (c != null) {
        CheckResult r = StaleReadChecker.check(c.ops());
        assertEquals(Verdict.VIOLATION, r.verdict());
        assertTrue(r.marks().containsKey(c.culprit()));
      }
    }
  }
}
