package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.sim.CheckResult.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {
  private final LinearizabilityChecker checker = new LinearizabilityChecker();

  // ---- small histories whose answer is known ----

  @Test
  void sequentialWriteThenReadIsLinearizable() {
    Histories h = new Histories();
    h.write("c1", "x", "1", 0, 10);
    h.read("c2", "x", "1", 20, 30);
    assertEquals(Verdict.OK, checker.check(h.ops()).verdict());
  }

  @Test
  void staleReadIsCaughtAndExplained() {
    Histories h = new Histories();
    h.write("c1", "x", "1", 0, 10);
    h.write("c1", "x", "2", 20, 30);
    int stale = h.read("c2", "x", "1", 40, 50);
    CheckResult r = checker.check(h.ops());
    assertEquals(Verdict.VIOLATION, r.verdict());
    assertEquals(List.of(stale), List.copyOf(r.marks().keySet()));
    assertTrue(r.marks().get(stale).startsWith("STALE: put(x, 2) completed at 30 ms"),
        r.marks().get(stale));
  }

  @Test
  void readOfInitialValueAfterACompletedWriteIsStale() {
    Histories h = new Histories();
    h.write("c1", "x", "1", 0, 10);
    h.read("c2", "x", null, 20, 30);
    assertEquals(Verdict.VIOLATION, checker.check(h.ops()).verdict());
  }

  @Test
  void lostWriteIsCaught() {
    // A write was acknowledged, then later reads never see it although nothing overwrote it.
    Histories h = new Histories();
    h.write("c1", "x", "1", 0, 10);
    h.write("c1", "x", "2", 20, 30);
    h.read("c2", "x", "2", 40, 50);
    h.read("c2", "x", "1", 60, 70);
    assertEquals(Verdict.VIOLATION, checker.check(h.ops()).verdict());
  }

  @Test
  void reorderedWritesAreCaught() {
    // Two sequential writes applied in the wrong order: every later read sees the older one.
    Histories h = new Histories();
    h.write("c1", "x", "a", 0, 10);
    h.write("c2", "x", "b", 15, 25);
    h.read("c3", "x", "a", 30, 40);
    h.read("c3", "x", "a", 50, 60);
    assertEquals(Verdict.VIOLATION, checker.check(h.ops()).verdict());
  }

  @Test
  void concurrentWritesMayEndEitherWay() {
    for (String last : List.of("a", "b")) {
      Histories h = new Histories();
      h.write("c1", "x", "a", 0, 20);
      h.write("c2", "x", "b", 5, 25);
      h.read("c3", "x", last, 30, 40);
      h.read("c3", "x", last, 50, 60);
      assertEquals(Verdict.OK, checker.check(h.ops()).verdict(), "last = " + last);
    }
  }

  @Test
  void concurrentWritesCannotFlipBackAndForth() {
    Histories h = new Histories();
    h.write("c1", "x", "a", 0, 20);
    h.write("c2", "x", "b", 5, 25);
    h.read("c3", "x", "a", 30, 40);
    h.read("c3", "x", "b", 50, 60);
    assertEquals(Verdict.VIOLATION, checker.check(h.ops()).verdict());
  }

  @Test
  void readConcurrentWithAWriteMaySeeOldOrNew() {
    for (String seen : new String[] {null, "1"}) {
      Histories h = new Histories();
      h.write("c1", "x", "1", 0, 50);
      h.read("c2", "x", seen, 10, 20);
      assertEquals(Verdict.OK, checker.check(h.ops()).verdict(), "read " + seen);
    }
  }

  @Test
  void newOldInversionBetweenSequentialReadsIsCaught() {
    Histories h = new Histories();
    h.write("c1", "x", "1", 0, 100);
    h.read("c2", "x", "1", 10, 20);
    h.read("c3", "x", null, 30, 40);
    assertEquals(Verdict.VIOLATION, checker.check(h.ops()).verdict());
  }

  @Test
  void pendingWriteMayTakeEffectLateOrNever() {
    Histories seenLate = new Histories();
    seenLate.pendingWrite("c1", "x", "1", 0);
    seenLate.read("c2", "x", null, 10, 20);
    seenLate.read("c2", "x", "1", 500, 510);
    assertEquals(Verdict.OK, checker.check(seenLate.ops()).verdict());

    Histories never = new Histories();
    never.pendingWrite("c1", "x", "1", 0);
    never.read("c2", "x", null, 500, 510);
    assertEquals(Verdict.OK, checker.check(never.ops()).verdict());
  }

  @Test
  void pendingWriteCannotBeUndone() {
    Histories h = new Histories();
    h.pendingWrite("c1", "x", "1", 0);
    h.read("c2", "x", "1", 10, 20);
    h.read("c2", "x", null, 30, 40);
    assertEquals(Verdict.VIOLATION, checker.check(h.ops()).verdict());
  }

  @Test
  void failedOperationsConstrainNothingButTheirValueCannotBeRead() {
    Histories h = new Histories();
    h.failedWrite("c1", "x", "1", 0, 10);
    h.read("c2", "x", null, 20, 30);
    assertEquals(Verdict.OK, checker.check(h.ops()).verdict());
    h.read("c2", "x", "1", 40, 50);
    CheckResult r = checker.check(h.ops());
    assertEquals(Verdict.VIOLATION, r.verdict());
    assertTrue(r.explanation().contains("no write that could have taken effect"), r.explanation());
  }

  @Test
  void keysAreCheckedIndependently() {
    Histories h = new Histories();
    h.write("c1", "x", "1", 0, 10);
    h.write("c1", "y", "2", 0, 10);
    h.read("c2", "x", "1", 20, 30);
    h.read("c2", "y", "2", 20, 30);
    assertEquals(Verdict.OK, checker.check(h.ops()).verdict());
    h.read("c2", "y", null, 40, 50);
    assertEquals(Verdict.VIOLATION, checker.check(h.ops()).verdict());
  }

  // ---- against a brute-force checker on small random histories ----

  @Test
  void agreesWithBruteForceOnSmallRandomHistories() {
    SplittableRandom rng = new SplittableRandom(7);
    int violations = 0;
    for (int trial = 0; trial < 1500; trial++) {
      List<Op> ops = Generator.random(rng, 1 + rng.nextInt(7), 3);
      boolean expected = BruteForce.linearizable(ops);
      CheckResult r = checker.check(ops);
      assertEquals(expected ? Verdict.OK : Verdict.VIOLATION, r.verdict(), "trial " + trial
          + ": " + ops);
      violations += expected ? 0 : 1;
    }
    assertTrue(violations > 100 && violations < 1400, "a useful mix: " + violations);
  }

  // ---- larger histories from a linearizable reference, then corrupted ----

  @Test
  void generatedLinearizableHistoriesPass() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int trial = 0; trial < 30; trial++) {
      List<Op> ops = Generator.linearizable(rng, 300, 3, 6);
      assertEquals(Verdict.OK, checker.check(ops).verdict(), "trial " + trial);
    }
  }

  @Test
  void corruptedHistoriesFailAndTheCorruptedReadIsBlamed() {
    SplittableRandom rng = new SplittableRandom(12);
    int corrupted = 0;
    int blamed = 0;
    for (int trial = 0; trial < 30; trial++) {
      List<Op> ops = Generator.linearizable(rng, 300, 3, 6);
      Generator.Corruption c = Generator.makeStale(rng, ops);
      if (c == null) {
        continue;
      }
      corrupted++;
      CheckResult r = checker.check(c.ops());
      assertEquals(Verdict.VIOLATION, r.verdict(), "trial " + trial);
      assertEquals(1, r.marks().size(), "blames one operation: " + r.marks());
      blamed += r.marks().containsKey(c.culprit()) ? 1 : 0;
    }
    assertTrue(corrupted >= 20, "corrupted " + corrupted);
    assertTrue(blamed * 10 >= corrupted * 8, "blamed the corrupted read " + blamed + " times of "
        + corrupted);
  }

  @Test
  void aFewHundredOperationsOverAFewKeysTakeWellUnderASecond() {
    SplittableRandom rng = new SplittableRandom(13);
    List<Op> ops = Generator.linearizable(rng, 400, 4, 8);
    long t0 = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      assertEquals(Verdict.OK, checker.check(ops).verdict());
    }
    double each = (System.nanoTime() - t0) / 5e9;
    assertTrue(each < 0.5, "took " + each + " s");
  }

  @Test
  void aSmallBudgetSaysUnknownNeverWrong() {
    SplittableRandom rng = new SplittableRandom(14);
    LinearizabilityChecker tiny = new LinearizabilityChecker(50);
    int unknown = 0;
    for (int trial = 0; trial < 40; trial++) {
      List<Op> ops = Generator.linearizable(rng, 200, 1, 8);
      Verdict v = tiny.check(ops).verdict();
      assertNotEquals(Verdict.VIOLATION, v, "trial " + trial);
      unknown += v == Verdict.UNKNOWN ? 1 : 0;
      Generator.Corruption c = Generator.makeStale(rng, ops);
      if (c != null) {
        assertNotEquals(Verdict.OK, tiny.check(c.ops()).verdict(), "trial " + trial);
      }
    }
    assertTrue(unknown > 0, "the budget was never hit");
  }

  /** Builds histories by hand, with explicit times. */
  static final class Histories {
    private record Ev(long time, int order, Runnable action) {}

    private final List<Ev> events = new ArrayList<>();
    private int count;

    int write(String p, String key, String v, long call, long ret) {
      return add(p, Op.Kind.WRITE, key, v, call, ret, Op.Status.OK);
    }

    int read(String p, String key, String v, long call, long ret) {
      return add(p, Op.Kind.READ, key, v, call, ret, Op.Status.OK);
    }

    int pendingWrite(String p, String key, String v, long call) {
      return add(p, Op.Kind.WRITE, key, v, call, -1, Op.Status.UNKNOWN);
    }

    int failedWrite(String p, String key, String v, long call, long ret) {
      return add(p, Op.Kind.WRITE, key, v, call, ret, Op.Status.FAIL);
    }

    private int add(String p, Op.Kind kind, String key, String v, long call, long ret,
        Op.Status status) {
      int id = count++;
      int[] slot = new int[1];
      events.add(new Ev(call, events.size(), () -> slot[0] = h.invoke(p, kind, key, v, call)));
      if (ret >= 0) {
        events.add(new Ev(ret, events.size(), () -> {
          if (status == Op.Status.OK) {
            h.ok(slot[0], v, ret);
          } else {
            h.fail(slot[0], "refused", ret);
          }
        }));
      }
      return id;
    }

    private History h;

    /**
     * Replays the calls in time order. History ids follow call times, so add operations in the
     * order of their calls for the returned ids to match.
     */
    List<Op> ops() {
      h = new History();
      List<Ev> sorted = new ArrayList<>(events);
      sorted.sort(Comparator.comparingLong(Ev::time).thenComparingInt(Ev::order));
      sorted.forEach(e -> e.action().run());
      return h.ops();
    }
  }

  /** Tries every order of the operations: the definition, for small histories. */
  static final class BruteForce {
    static boolean linearizable(List<Op> ops) {
      List<Op> useful = new ArrayList<>();
      for (Op op : ops) {
        if (op.status() == Op.Status.OK || (op.isWrite() && op.status() == Op.Status.UNKNOWN)) {
          useful.add(op);
        }
      }
      return search(useful, new boolean[useful.size()], null);
    }

    private static boolean search(List<Op> ops, boolean[] done, String value) {
      boolean allCompletedDone = true;
      for (int i = 0; i < ops.size(); i++) {
        if (!done[i] && ops.get(i).ret() != Long.MAX_VALUE) {
          allCompletedDone = false;
        }
      }
      if (allCompletedDone) {
        return true;
      }
      for (int i = 0; i < ops.size(); i++) {
        if (done[i] || !minimal(ops, done, i)) {
          continue;
        }
        Op op = ops.get(i);
        if (op.isRead() && !Objects.equals(op.value(), value)) {
          continue;
        }
        done[i] = true;
        boolean ok = search(ops, done, op.isWrite() ? op.value() : value);
        done[i] = false;
        if (ok) {
          return true;
        }
      }
      return false;
    }

    /** No other pending operation returned before op i was called. */
    private static boolean minimal(List<Op> ops, boolean[] done, int i) {
      for (int j = 0; j < ops.size(); j++) {
        if (!done[j] && j != i && ops.get(j).ret() < ops.get(i).call()) {
          return false;
        }
      }
      return true;
    }
  }
}
