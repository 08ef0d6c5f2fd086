package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.sim.CheckResult.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
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

  @Test
  void anEmptyHistoryIsLinearizable() {
    assertEquals(Verdict.OK, checker.check(List.of()).verdict());
  }

  // ---- compare-and-set ----

  @Test
  void casSwapsOnlyFromTheExpectedValue() {
    Histories h = new Histories();
    h.write("c1", "x", "1", 0, 10);
    h.cas("c2", "x", "1", "2", 20, 30);
    h.read("c3", "x", "2", 40, 50);
    assertEquals(Verdict.OK, checker.check(h.ops()).verdict());

    Histories wrong = new Histories();
    wrong.write("c1", "x", "1", 0, 10);
    int cas = wrong.cas("c2", "x", "3", "2", 20, 30);
    CheckResult r = checker.check(wrong.ops());
    assertEquals(Verdict.VIOLATION, r.verdict());
    assertEquals(List.of(cas), List.copyOf(r.marks().keySet()));
    assertEquals("no order of the operations on key x explains this result", r.marks().get(cas));
  }

  @Test
  void casFromNoValueIsALock() {
    // two clients both acquire the lock: at most one cas from "no value" can swap
    Histories h = new Histories();
    h.cas("c1", "lock", null, "c1", 0, 20);
    h.cas("c2", "lock", null, "c2", 5, 25);
    assertEquals(Verdict.VIOLATION, checker.check(h.ops()).verdict());

    Histories fair = new Histories();
    fair.cas("c1", "lock", null, "c1", 0, 20);
    fair.casDiffered("c2", "lock", null, "c2", 5, 25);
    fair.read("c3", "lock", "c1", 30, 40);
    assertEquals(Verdict.OK, checker.check(fair.ops()).verdict());
  }

  @Test
  void aCasThatFoundAnotherValueConstrains() {
    // the register held 1 throughout: a cas from 1 cannot have found another value
    Histories h = new Histories();
    h.write("c1", "x", "1", 0, 10);
    int cas = h.casDiffered("c2", "x", "1", "2", 20, 30);
    CheckResult r = checker.check(h.ops());
    assertEquals(Verdict.VIOLATION, r.verdict());
    assertEquals(List.of(cas), List.copyOf(r.marks().keySet()));

    // concurrent with the write, it may have come first and found no value
    Histories early = new Histories();
    early.write("c1", "x", "1", 0, 30);
    early.casDiffered("c2", "x", "1", "2", 10, 20);
    early.read("c3", "x", "1", 40, 50);
    assertEquals(Verdict.OK, checker.check(early.ops()).verdict());

    // and it changes nothing: its new value cannot be read
    Histories noSwap = new Histories();
    noSwap.write("c1", "x", "1", 0, 10);
    noSwap.casDiffered("c2", "x", "5", "2", 20, 30);
    noSwap.read("c3", "x", "1", 40, 50);
    assertEquals(Verdict.OK, checker.check(noSwap.ops()).verdict());
    noSwap.read("c3", "x", "2", 60, 70);
    assertEquals(Verdict.VIOLATION, checker.check(noSwap.ops()).verdict());
  }

  @Test
  void aFailedCasConstrainsNothing() {
    Histories h = new Histories();
    h.write("c1", "x", "1", 0, 10);
    h.failedCas("c2", "x", "1", "2", 20, 30);
    h.read("c3", "x", "1", 40, 50);
    assertEquals(Verdict.OK, checker.check(h.ops()).verdict());
    h.read("c3", "x", "2", 60, 70);
    CheckResult r = checker.check(h.ops());
    assertEquals(Verdict.VIOLATION, r.verdict());
    assertTrue(r.explanation().contains("no write that could have taken effect"), r.explanation());
  }

  @Test
  void aCasWithUnknownOutcomeMayTakeEffectLateOrNever() {
    Histories late = new Histories();
    late.write("c1", "x", "1", 0, 10);
    late.pendingCas("c2", "x", "1", "2", 20);
    late.read("c3", "x", "1", 30, 40);
    late.read("c3", "x", "2", 500, 510);
    assertEquals(Verdict.OK, checker.check(late.ops()).verdict());

    Histories never = new Histories();
    never.write("c1", "x", "1", 0, 10);
    never.pendingCas("c2", "x", "1", "2", 20);
    never.read("c3", "x", "1", 500, 510);
    assertEquals(Verdict.OK, checker.check(never.ops()).verdict());

    Histories undone = new Histories();
    undone.write("c1", "x", "1", 0, 10);
    undone.pendingCas("c2", "x", "1", "2", 20);
    undone.read("c3", "x", "2", 30, 40);
    undone.read("c3", "x", "1", 50, 60);
    assertEquals(Verdict.VIOLATION, checker.check(undone.ops()).verdict());

    // it swaps only where the register holds what it expects
    Histories wrongValue = new Histories();
    wrongValue.write("c1", "x", "1", 0, 10);
    wrongValue.pendingCas("c2", "x", "3", "2", 20);
    wrongValue.read("c3", "x", "2", 30, 40);
    assertEquals(Verdict.VIOLATION, checker.check(wrongValue.ops()).verdict());
  }

  // ---- append ----

  @Test
  void appendsConcatenateInTheirOrder() {
    Histories h = new Histories();
    h.append("c1", "log", "a", 0, 10);
    h.append("c2", "log", "b", 20, 30);
    h.read("c3", "log", "ab", 40, 50);
    assertEquals(Verdict.OK, checker.check(h.ops()).verdict());

    Histories swapped = new Histories();
    swapped.append("c1", "log", "a", 0, 10);
    swapped.append("c2", "log", "b", 20, 30);
    int r = swapped.read("c3", "log", "ba", 40, 50);
    CheckResult result = checker.check(swapped.ops());
    assertEquals(Verdict.VIOLATION, result.verdict());
    assertEquals(List.of(r), List.copyOf(result.marks().keySet()));
  }

  @Test
  void concurrentAppendsMayLandEitherWayButBothLand() {
    for (String seen : List.of("ab", "ba")) {
      Histories h = new Histories();
      h.append("c1", "log", "a", 0, 20);
      h.append("c2", "log", "b", 5, 25);
      h.read("c3", "log", seen, 30, 40);
      assertEquals(Verdict.OK, checker.check(h.ops()).verdict(), seen);
    }
    Histories lost = new Histories();
    lost.append("c1", "log", "a", 0, 20);
    lost.append("c2", "log", "b", 5, 25);
    lost.read("c3", "log", "a", 30, 40);
    assertEquals(Verdict.VIOLATION, checker.check(lost.ops()).verdict());
  }

  @Test
  void appendExtendsAWrittenValueAndNoValueCountsAsEmpty() {
    Histories h = new Histories();
    h.read("c1", "k", null, 0, 10);
    h.append("c1", "k", "x", 20, 30);
    h.read("c1", "k", "x", 40, 50);
    h.write("c2", "k", "p", 60, 70);
    h.append("c1", "k", "q", 80, 90);
    h.read("c2", "k", "pq", 100, 110);
    assertEquals(Verdict.OK, checker.check(h.ops()).verdict());
  }

  @Test
  void anAppendWithUnknownOutcomeLandsOnceOrNever() {
    Histories h = new Histories();
    h.append("c1", "log", "a", 0, 10);
    h.pendingAppend("c2", "log", "b", 20);
    h.append("c1", "log", "c", 30, 40);
    h.read("c3", "log", "ac", 50, 60);
    assertEquals(Verdict.OK, checker.check(h.ops()).verdict());
    h.read("c3", "log", "acb", 70, 80);
    assertEquals(Verdict.OK, checker.check(h.ops()).verdict());
    h.read("c3", "log", "acbb", 90, 100);
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

  @Test
  void agreesWithBruteForceOnSmallRandomHistoriesWithCasAndAppend() {
    SplittableRandom rng = new SplittableRandom(8);
    int violations = 0;
    int[] kinds = new int[Op.Kind.values().length];
    for (int trial = 0; trial < 3000; trial++) {
      List<Op> ops = Generator.randomWithCasAndAppend(rng, 1 + rng.nextInt(7), 3);
      ops.forEach(op -> kinds[op.kind().ordinal()]++);
      boolean expected = BruteForce.linearizable(ops);
      CheckResult r = checker.check(ops);
      assertEquals(expected ? Verdict.OK : Verdict.VIOLATION, r.verdict(), "trial " + trial
          + ": " + ops);
      violations += expected ? 0 : 1;
    }
    assertTrue(violations > 300 && violations < 2700, "a useful mix: " + violations);
    for (Op.Kind k : Op.Kind.values()) {
      assertTrue(kinds[k.ordinal()] > 1000, k + ": " + kinds[k.ordinal()]);
    }
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
  void generatedLinearizableHistoriesWithCasAndAppendPass() {
    SplittableRandom rng = new SplittableRandom(21);
    for (int trial = 0; trial < 30; trial++) {
      List<Op> ops = Generator.linearizableWithCasAndAppend(rng, 300, 3, 6);
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
      return add(p, Op.Kind.WRITE, key, null, v, call, ret, Op.Status.FAIL, false);
    }

    /** A cas that swapped. */
    int cas(String p, String key, String from, String to, long call, long ret) {
      return add(p, Op.Kind.CAS, key, from, to, call, ret, Op.Status.OK, true);
    }

    /** A cas that completed without swapping: the value was not {@code from}. */
    int casDiffered(String p, String key, String from, String to, long call, long ret) {
      return add(p, Op.Kind.CAS, key, from, to, call, ret, Op.Status.OK, false);
    }

    int failedCas(String p, String key, String from, String to, long call, long ret) {
      return add(p, Op.Kind.CAS, key, from, to, call, ret, Op.Status.FAIL, false);
    }

    int pendingCas(String p, String key, String from, String to, long call) {
      return add(p, Op.Kind.CAS, key, from, to, call, -1, Op.Status.UNKNOWN, false);
    }

    int append(String p, String key, String v, long call, long ret) {
      return add(p, Op.Kind.APPEND, key, null, v, call, ret, Op.Status.OK, false);
    }

    int pendingAppend(String p, String key, String v, long call) {
      return add(p, Op.Kind.APPEND, key, null, v, call, -1, Op.Status.UNKNOWN, false);
    }

    private int add(String p, Op.Kind kind, String key, String v, long call, long ret,
        Op.Status status) {
      return add(p, kind, key, null, v, call, ret, status, false);
    }

    private int add(String p, Op.Kind kind, String key, String from, String v, long call,
        long ret, Op.Status status, boolean swapped) {
      int id = count++;
      int[] slot = new int[1];
      events.add(new Ev(call, events.size(), () -> slot[0] = kind == Op.Kind.CAS
          ? h.invokeCas(p, key, from, v, call) : h.invoke(p, kind, key, v, call)));
      if (ret >= 0) {
        events.add(new Ev(ret, events.size(), () -> {
          if (status != Op.Status.OK) {
            h.fail(slot[0], "refused", ret);
          } else if (kind == Op.Kind.CAS && !swapped) {
            h.valueDiffered(slot[0], ret);
          } else {
            h.ok(slot[0], v, ret);
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
      Map<String, List<Op>> byKey = new TreeMap<>();
      for (Op op : ops) {
        if (op.status() == Op.Status.OK || (!op.isRead() && op.status() == Op.Status.UNKNOWN)) {
          byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
      }
      for (List<Op> useful : byKey.values()) {
        if (!search(useful, new boolean[useful.size()], null)) {
          return false;
        }
      }
      return true;
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
        String after;
        switch (op.kind()) {
          case READ:
            if (!Objects.equals(op.value(), value)) {
              continue;
            }
            after = value;
            break;
          case WRITE:
            after = op.value();
            break;
          case APPEND:
            after = (value == null ? "" : value) + op.value();
            break;
          default: // CAS
            boolean holds = Objects.equals(op.expected(), value);
            if (op.status() == Op.Status.OK && op.swapped() != holds) {
              continue;
            }
            after = holds ? op.value() : value;
            break;
        }
        done[i] = true;
        boolean ok = search(ops, done, after);
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
