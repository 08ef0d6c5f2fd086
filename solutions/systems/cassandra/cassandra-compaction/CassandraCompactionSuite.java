import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for the cassandra-compaction exercise. Every case is a set of input tables, other
 * tables (with real contents and a Bloom filter whose false positives the suite chooses), a time
 * and a configuration; the suite's model computes the exact output of the brief (winning cell per
 * key, the purge rule, the cut into tables) and compares. Random cases also check the property
 * the rules exist for: a read merging every table answers the same before and after. A mismatch
 * is explained at the first key where output and model differ, and the hint is chosen by what
 * went wrong at that key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class CassandraCompactionSuite {
  // The rungs of the hint ladder (exercise.yaml).
  private static final String MERGE = "newest-cell-wins";
  private static final String GRACE = "grace-period";
  private static final String OUTSIDE = "older-data-outside";
  private static final String SHADOW = "shadowed-stays-dead";
  private static final String TABLES = "output-tables";
  private static final String COPIES = "inputs-are-read-only";
  private static final String ARGS = "arguments";

  private static final long DAY = 86_400;

  // ---------------------------------------------------------------------------------------------
  // 1. Merge

  @Test
  @Order(1)
  @DisplayName("the merge keeps the winning cell of each key: newest timestamp, then the stated ties")
  @Hint(MERGE)
  void merge() {
    Case c = new Case("Three inputs, no tombstones", 10, 1000, 100);
    c.input(live("a", 5, "a5"), live("b", 1, "b1"), live("d", 9, "d9"));
    c.input(live("a", 7, "a7"), live("c", 3, "c3"), live("d", 2, "d2"));
    c.input(live("a", 6, "a6"), live("b", 1, "b1"), live("e", 0, ""));
    c.check();
    Case ties = new Case("Equal timestamps", 10, 1000, 100);
    ties.input(live("k", 5, "m"), tomb("t", 5, 50), live("v", 5, "b"), tomb("w", 9, 70));
    ties.input(live("k", 5, "z"), live("t", 5, "zzz"), live("v", 5, "a"), tomb("w", 9, 90));
    ties.input(live("k", 5, "c"), tomb("w", 9, 80));
    ties.check();
    Case none = new Case("No inputs at all", 10, 1000, 100);
    none.check();
    Case empty = new Case("Two empty inputs", 10, 1000, 100);
    empty.input();
    empty.input();
    empty.check();
    Case dup = new Case("The same cells in two inputs", 10, 1000, 100);
    dup.input(live("x", 3, "same"), tomb("y", 4, 10));
    dup.input(live("x", 3, "same"), tomb("y", 4, 10));
    dup.check();
    Seeds.forEach(40, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
      Case r = new Case("Seed " + seed, rnd.nextLong(0, 3 * DAY), 100 * DAY,
          1 + rnd.nextInt(8));
      int inputs = 1 + rnd.nextInt(12);
      int keys = 1 + rnd.nextInt(40);
      for (int i = 0; i < inputs; i++) {
        TreeMap<String, CassandraCompactionCell> t = new TreeMap<>();
        int n = rnd.nextInt(keys + 1);
        for (int j = 0; j < n; j++) {
          String key = seed % 2 == 0 ? "key-" + rnd.nextInt(keys) : "k" + rnd.nextLong();
          t.put(key, live(key, rnd.nextInt(20), "v" + rnd.nextInt(5)));
        }
        r.input(new ArrayList<>(t.values()));
      }
      r.check();
    });
  }

  // ---------------------------------------------------------------------------------------------
  // 2. Grace period

  @Test
  @Order(2)
  @DisplayName("a tombstone is dropped only when deletedAt + gcGraceSeconds < now (strictly), default 864000 s")
  @Hint(GRACE)
  void gracePeriod() {
    if (CassandraCompactor.DEFAULT_GC_GRACE_SECONDS != 864_000) {
      throw Because.of(GRACE, "CassandraCompactor.DEFAULT_GC_GRACE_SECONDS is "
          + CassandraCompactor.DEFAULT_GC_GRACE_SECONDS + "; Cassandra's default gc_grace_seconds"
          + " is 864000 (10 days).");
    }
    long now = 50 * DAY;
    for (long grace : new long[] {0, 1, 3600, 864_000}) {
      Case c = new Case("gcGraceSeconds " + grace + ", now " + now, grace, now, 100);
      c.input(live("a", 1, "old a"), live("b", 1, "old b"), live("c", 1, "old c"),
          live("d", 1, "old d"));
      // Timestamps far from deletedAt: the client's clock is not the grace clock.
      c.input(tomb("a", 2, now - grace - 1), tomb("b", 2, now - grace), tomb("c", 2,
          now - grace + 1), tomb("d", now, now - grace - 1));
      c.input(tomb("e", 9_000_000_000L, now - grace - 1), tomb("f", 0, now - grace));
      // Two tombstones tie on timestamp: the later deletion wins, and it is still in grace.
      c.input(tomb("g", 7, now - grace - 5));
      c.input(tomb("g", 7, now - grace));
      c.check();
    }
    // The default constructor.
    Case d = new Case("new CassandraCompactor(100), now " + now, -1, now, 100);
    d.input(tomb("dropped", 1, now - 864_001), tomb("kept", 1, now - 864_000),
        tomb("young", 1, now - DAY));
    d.input(live("dropped", 0, "gone for good"), live("kept", 0, "still deleted"));
    d.check();
  }

  // ---------------------------------------------------------------------------------------------
  // 3. Other tables

  @Test
  @Order(3)
  @DisplayName("a tombstone past grace is kept while a table outside the compaction may hold older data of its key")
  @Hint(OUTSIDE)
  void otherTables() {
    long now = 40 * DAY;
    long old = now - 20 * DAY;
    Case c = new Case("gcGraceSeconds 864000, now " + now, 864_000, now, 100);
    c.input(tomb("a", 100, old), tomb("b", 100, old), tomb("c", 100, old), tomb("d", 100, old),
        tomb("e", 100, old), tomb("f", 100, old));
    // Holds a with older data: blocks a.
    c.other("o1", List.of(live("a", 50, "zombie")), Set.of());
    // Holds b, but all its data is newer: blocks nothing.
    c.other("o2", List.of(live("b", 101, "newer"), live("x", 200, "x")), Set.of());
    // Holds c at exactly the tombstone's timestamp: blocks c (strict).
    c.other("o3", List.of(live("c", 100, "same time")), Set.of());
    // Its filter says "maybe" for d (a false positive) and its oldest data is older: blocks d.
    c.other("o4", List.of(live("q", 10, "q")), Set.of("d"));
    // Old data, but its filter rules e out: blocks nothing.
    c.other("o5", List.of(live("r", 1, "r")), Set.of());
    c.check();

    Case within = new Case("The same tables with the tombstones still in grace", 864_000, now,
        100);
    within.input(tomb("a", 100, now - DAY), tomb("b", 100, now - DAY));
    within.other("o1", List.of(live("a", 50, "zombie")), Set.of());
    within.check();
  }

  // ---------------------------------------------------------------------------------------------
  // 4. Shadowed data and random compactions

  @Test
  @Order(4)
  @DisplayName("shadowed data never comes back; 300 random compactions match the model and leave every read unchanged")
  @Hint(SHADOW)
  void shadowedStaysDeadAndRandom() {
    long now = 30 * DAY;
    Case c = new Case("gcGraceSeconds 864000, now " + now, 864_000, now, 100);
    c.input(live("k", 5, "value deleted long ago"), live("m", 5, "m"));
    c.input(tomb("k", 6, now - 15 * DAY), tomb("m", 6, now - 15 * DAY));
    c.input(live("k", 4, "an even older value"), live("m", 7, "m is back"));
    c.check();

    Seeds.forEach(300, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed * 0xBF58476D1CE4E5B9L);
      long grace = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(20) * 3600L;
      long t0 = 10 * DAY;
      long nowR = t0 + rnd.nextLong(0, 2 * DAY);
      Case r = new Case("Seed " + seed + ": gcGraceSeconds " + grace + ", now " + nowR, grace,
          nowR, 1 + rnd.nextInt(6));
      int keys = 2 + rnd.nextInt(20);
      int inputs = 1 + rnd.nextInt(5);
      int others = rnd.nextInt(4);
      for (int i = 0; i < inputs + others; i++) {
        TreeMap<String, CassandraCompactionCell> t = new TreeMap<>();
        int n = rnd.nextInt(keys + 1);
        for (int j = 0; j < n; j++) {
          String key = "key-" + rnd.nextInt(keys);
          long ts = rnd.nextInt(30);
          t.put(key, rnd.nextInt(3) == 0 ? tomb(key, ts, t0 + rnd.nextLong(0, DAY))
              : live(key, ts, "v" + rnd.nextInt(4)));
        }
        if (i < inputs) {
          r.input(new ArrayList<>(t.values()));
        } else {
          Set<String> fp = new TreeSet<>();
          for (int j = 0; j < keys; j++) {
            if (rnd.nextInt(8) == 0) {
              fp.add("key-" + j);
            }
          }
          r.other("o" + (i - inputs + 1), new ArrayList<>(t.values()), fp);
        }
      }
      r.check();
    });
  }

  // ---------------------------------------------------------------------------------------------
  // 5. Output tables

  @Test
  @Order(5)
  @DisplayName("the output is cut into sorted tables of exactly maxTableCells cells, the last one holding the rest")
  @Hint(TABLES)
  void outputTables() {
    for (int max : new int[] {1, 2, 3, 7, 1000}) {
      for (int n : new int[] {1, 2, 3, 6, 7, 8, 14, 15, 40}) {
        Case c = new Case(n + " surviving keys, maxTableCells " + max, 0, 1000, max);
        List<CassandraCompactionCell> a = new ArrayList<>();
        List<CassandraCompactionCell> b = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          String key = String.format("key-%03d", i);
          (i % 2 == 0 ? a : b).add(live(key, i, "v" + i));
        }
        // Purged tombstones in between must not leave holes in the tables.
        b.add(tomb("zz-purged", 5, 1));
        c.input(a);
        c.input(b);
        c.check();
      }
    }
    Case gone = new Case("Every key purged, maxTableCells 3", 0, 1000, 3);
    gone.input(tomb("a", 1, 10), tomb("b", 1, 10));
    gone.check();
  }

  // ---------------------------------------------------------------------------------------------
  // 6. Copies

  @Test
  @Order(6)
  @DisplayName("the inputs are read-only: unmodifiable inputs work, inputs stay unchanged, the output is new")
  @Hint(COPIES)
  void copies() {
    CassandraCompactor compactor = new CassandraCompactor(0, 100);
    List<CassandraCompactionCell> only = List.of(live("a", 1, "a"), live("b", 1, "b"));
    List<List<CassandraCompactionCell>> out = call("compact(List.of(List.of(a, b)), List.of(),"
        + " 10) with unmodifiable lists", COPIES,
        () -> compactor.compact(List.of(only), List.of(), 10));
    if (!Objects.equals(out, List.of(only))) {
      throw Because.of(MERGE, "compact of one input [a, b] with nothing to drop returned " + out
          + "; expected [[a, b]].");
    }
    List<CassandraCompactionCell> mine = new ArrayList<>(only);
    List<List<CassandraCompactionCell>> inputs = new ArrayList<>(List.of(mine));
    List<List<CassandraCompactionCell>> out2 = call("compact([[a, b]], [], 10)", COPIES,
        () -> compactor.compact(inputs, new ArrayList<>(), 10));
    for (List<CassandraCompactionCell> t : out2) {
      if (t == mine) {
        throw Because.of(COPIES, "compact([[a, b]], [], 10) returned the input list itself as a"
            + " table: the caller's list is not yours to hand out. Build new lists.");
      }
    }
    if (out2 == inputs) {
      throw Because.of(COPIES, "compact returned the inputs list itself. Build new lists.");
    }
    List<List<CassandraCompactionCell>> snapshot = deepCopy(out2);
    mine.clear();
    inputs.clear();
    if (!snapshot.equals(out2)) {
      throw Because.of(COPIES, "After compact([[a, b]], [], 10) returned " + snapshot
          + ", the caller emptied its input lists, and the result changed to " + out2
          + ": it shares lists with the inputs.");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 7. Arguments

  @Test
  @Order(7)
  @DisplayName("a negative grace period or a table size below 1 is rejected; 0 and 1 are allowed")
  @Hint(ARGS)
  void arguments() {
    rejects("new CassandraCompactor(-1, 10)", () -> new CassandraCompactor(-1, 10));
    rejects("new CassandraCompactor(Long.MIN_VALUE, 10)",
        () -> new CassandraCompactor(Long.MIN_VALUE, 10));
    rejects("new CassandraCompactor(10, 0)", () -> new CassandraCompactor(10, 0));
    rejects("new CassandraCompactor(10, -5)", () -> new CassandraCompactor(10, -5));
    rejects("new CassandraCompactor(0)", () -> new CassandraCompactor(0));
    call("new CassandraCompactor(0, 1)", ARGS, () -> new CassandraCompactor(0, 1));
    call("new CassandraCompactor(1)", ARGS, () -> new CassandraCompactor(1));
  }

  private static void rejects(String what, Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException expected) {
      return;
    } catch (RuntimeException e) {
      throw Because.of(ARGS, what + " threw " + e + "; expected IllegalArgumentException.", e);
    }
    throw Because.of(ARGS, what + " returned; expected IllegalArgumentException.");
  }

  // =============================================================================================
  // A case and the model

  /** One compaction: inputs, other tables, time and configuration, and the model's answer. */
  static final class Case {
    final String name;
    /** -1: the one-argument constructor (the default grace). */
    final long grace;
    final long now;
    final int max;
    final List<List<CassandraCompactionCell>> inputs = new ArrayList<>();
    final List<Other> others = new ArrayList<>();

    Case(String name, long grace, long now, int max) {
      this.name = name;
      this.grace = grace;
      this.now = now;
      this.max = max;
    }

    void input(CassandraCompactionCell... cells) {
      input(List.of(cells));
    }

    void input(List<CassandraCompactionCell> cells) {
      for (int i = 1; i < cells.size(); i++) {
        if (cells.get(i - 1).key().compareTo(cells.get(i).key()) >= 0) {
          throw new IllegalStateException("suite bug: an input is not sorted: " + cells);
        }
      }
      inputs.add(List.copyOf(cells));
    }

    void other(String name, List<CassandraCompactionCell> cells, Set<String> falsePositives) {
      others.add(new Other(name, List.copyOf(cells), Set.copyOf(falsePositives)));
    }

    long graceInForce() {
      return grace < 0 ? 864_000 : grace;
    }

    String describe() {
      StringBuilder b = new StringBuilder(name + " (maxTableCells " + max + ").");
      for (int i = 0; i < inputs.size(); i++) {
        b.append("\n  input ").append(i).append(": ").append(cells(inputs.get(i)));
      }
      for (Other o : others) {
        b.append("\n  other table ").append(o.name).append(" (minTimestamp ")
            .append(o.minTimestamp()).append(o.falsePositives.isEmpty() ? ""
                : ", its filter also says maybe for " + o.falsePositives)
            .append("): ").append(cells(o.cells));
      }
      if (inputs.isEmpty()) {
        b.append("\n  no inputs");
      }
      return b.toString();
    }

    void check() {
      List<List<CassandraCompactionCell>> given = new ArrayList<>();
      for (List<CassandraCompactionCell> t : inputs) {
        given.add(new ArrayList<>(t));
      }
      List<List<CassandraCompactionCell>> before = deepCopy(given);
      List<CassandraOtherTable> otherTables = new ArrayList<>(others);
      String call = "compact(inputs, others, " + now + ")";
      CassandraCompactor compactor = call(describe() + "\nConstructing the compactor", ARGS,
          () -> grace < 0 ? new CassandraCompactor(max) : new CassandraCompactor(grace, max));
      List<List<CassandraCompactionCell>> got = call(describe() + "\n" + call, MERGE,
          () -> compactor.compact(given, otherTables, now));
      if (!given.equals(before)) {
        throw Because.of(COPIES, describe() + "\n" + call + " changed its input lists to "
            + given + ". The inputs belong to the caller: read them, never sort or edit them.");
      }
      if (got == null) {
        throw Because.of(TABLES, describe() + "\n" + call + " returned null; expected a list"
            + " of tables (empty if nothing survives).");
      }
      List<CassandraCompactionCell> want = model();
      // The shape first: sorted, one cell per key, the stated sizes.
      List<CassandraCompactionCell> flat = new ArrayList<>();
      for (List<CassandraCompactionCell> t : got) {
        if (t == null) {
          throw Because.of(TABLES, describe() + "\n" + call + " returned a null table: " + got);
        }
        flat.addAll(t);
      }
      // The content: the first key where output and model differ explains the failure.
      if (!flat.equals(want)) {
        throw explain(flat, want, got);
      }
      List<Integer> sizes = new ArrayList<>();
      for (List<CassandraCompactionCell> t : got) {
        sizes.add(t.size());
      }
      List<Integer> expected = new ArrayList<>();
      for (int left = want.size(); left > 0; left -= max) {
        expected.add(Math.min(max, left));
      }
      if (!sizes.equals(expected)) {
        throw Because.of(TABLES, describe() + "\n" + call + " returned the right " + want.size()
            + " cell(s) in tables of " + sizes + " cells; with maxTableCells " + max
            + " they go in tables of " + expected + ": every table full but the last, no empty"
            + " table.");
      }
      checkReadsUnchanged(got);
    }

    /** The brief's model: winning cell per key, purge rule, in key order. */
    List<CassandraCompactionCell> model() {
      TreeMap<String, CassandraCompactionCell> winners = new TreeMap<>();
      for (List<CassandraCompactionCell> t : inputs) {
        for (CassandraCompactionCell c : t) {
          winners.merge(c.key(), c, CassandraCompactionSuite::newer);
        }
      }
      List<CassandraCompactionCell> out = new ArrayList<>();
      for (CassandraCompactionCell c : winners.values()) {
        if (!(c.isTombstone() && pastGrace(c) && blocker(c) == null)) {
          out.add(c);
        }
      }
      return out;
    }

    boolean pastGrace(CassandraCompactionCell tomb) {
      return tomb.deletedAt() + graceInForce() < now;
    }

    /** The first other table that blocks the purge of {@code tomb}, or null. */
    Other blocker(CassandraCompactionCell tomb) {
      for (Other o : others) {
        if (o.mayContain(tomb.key()) && o.minTimestamp() <= tomb.timestamp()) {
          return o;
        }
      }
      return null;
    }

    private AssertionError explain(List<CassandraCompactionCell> flat,
        List<CassandraCompactionCell> want, List<List<CassandraCompactionCell>> got) {
      String head = describe() + "\ncompact(...) returned " + tables(got) + "\nThe model's"
          + " cells, in order: " + cells(want) + ".\n";
      // Out of order or duplicated keys.
      for (int i = 1; i < flat.size(); i++) {
        if (flat.get(i - 1).key().compareTo(flat.get(i).key()) >= 0) {
          boolean dup = flat.get(i - 1).key().equals(flat.get(i).key());
          return Because.of(dup ? MERGE : TABLES, head + (dup ? "Key " + quote(flat.get(i).key())
              + " appears twice in the output; the merge keeps one cell per key, the winner."
              : "The output is not in key order: " + quote(flat.get(i - 1).key()) + " comes"
                  + " before " + quote(flat.get(i).key()) + ". Tables are sorted by key, and"
                  + " the tables follow each other in key order."));
        }
      }
      Map<String, CassandraCompactionCell> g = new TreeMap<>();
      flat.forEach(c -> g.put(c.key(), c));
      Map<String, CassandraCompactionCell> w = new TreeMap<>();
      want.forEach(c -> w.put(c.key(), c));
      Set<String> keys = new TreeSet<>(g.keySet());
      keys.addAll(w.keySet());
      for (String key : keys) {
        CassandraCompactionCell x = g.get(key);
        CassandraCompactionCell y = w.get(key);
        if (Objects.equals(x, y)) {
          continue;
        }
        CassandraCompactionCell winner = winnerOf(key);
        String at = "At key " + quote(key) + " the output has " + cell(x) + "; the model has "
            + cell(y) + ". ";
        if (x != null && y != null) {
          return Because.of(MERGE, head + at + "The winning cell is the one with the greater"
              + " timestamp; on a tie a tombstone, then the later deletedAt between tombstones,"
              + " then the greater value.");
        }
        if (y == null && winner != null && winner.isTombstone()) {
          // The model dropped the tombstone.
          if (x != null && !x.isTombstone()) {
            return Because.of(SHADOW, head + at + "The winning cell is " + cell(winner)
                + ", past its grace period with nothing older outside, so the key leaves the"
                + " output; " + cell(x) + " was deleted by it and must not come back.");
          }
          if (x != null && !x.equals(winner)) {
            return Because.of(MERGE, head + at + "The winning cell is " + cell(winner) + ".");
          }
          String why = "deletedAt + gcGraceSeconds = " + (winner.deletedAt() + graceInForce())
              + " < now = " + now + ", and no other table";
          boolean filterOnly = false;
          boolean minOnly = false;
          for (Other o : others) {
            filterOnly |= o.mayContain(key);
            minOnly |= o.minTimestamp() <= winner.timestamp();
          }
          return Because.of(filterOnly || minOnly ? OUTSIDE : GRACE, head + at + "The tombstone"
              + " is dropped: " + why + " both may hold " + quote(key) + " and has data at or"
              + " before its timestamp " + winner.timestamp() + (filterOnly || minOnly
                  ? " (a table blocks only when mayContain is true AND minTimestamp <= the"
                      + " tombstone's timestamp)." : "."));
        }
        if (x == null && y != null && y.isTombstone()) {
          // The model kept a tombstone the output dropped.
          for (List<CassandraCompactionCell> t : inputs) {
            for (CassandraCompactionCell c : t) {
              if (c.key().equals(key) && c.isTombstone() && c.timestamp() == y.timestamp()
                  && c.deletedAt() < y.deletedAt() && pastGrace(c) && !pastGrace(y)) {
                return Because.of(MERGE, head + at + "Two tombstones of " + quote(key)
                    + " have timestamp " + y.timestamp() + "; the one with the later deletedAt ("
                    + y.deletedAt() + ") wins, and it is still in its grace period. Keeping the"
                    + " earlier one (deletedAt " + c.deletedAt() + ") purges the delete too soon.");
              }
            }
          }
          if (!pastGrace(y)) {
            return Because.of(GRACE, head + at + "The tombstone is still in its grace period:"
                + " deletedAt " + y.deletedAt() + " + gcGraceSeconds " + graceInForce() + " = "
                + (y.deletedAt() + graceInForce()) + ", not before now = " + now + " (the grace"
                + " period counts from deletedAt, the node's clock, and ends strictly after).");
          }
          Other o = blocker(y);
          return Because.of(OUTSIDE, head + at + "The tombstone is past its grace period, but"
              + " other table " + o.name + " may hold " + quote(key) + " (its filter says maybe)"
              + " and its oldest cell has timestamp " + o.minTimestamp() + " <= "
              + y.timestamp() + ": it may hold data the tombstone still deletes, so the"
              + " tombstone stays.");
        }
        if (x == null) {
          return Because.of(MERGE, head + at + "A live winning cell always survives.");
        }
        return Because.of(MERGE, head + at + "Every output cell is the winning cell of an input"
            + " key.");
      }
      return Because.of(MERGE, head + "The output differs from the model.");
    }

    private CassandraCompactionCell winnerOf(String key) {
      CassandraCompactionCell best = null;
      for (List<CassandraCompactionCell> t : inputs) {
        for (CassandraCompactionCell c : t) {
          if (c.key().equals(key)) {
            best = best == null ? c : newer(best, c);
          }
        }
      }
      return best;
    }

    /** A read merging every table answers the same before and after the compaction. */
    private void checkReadsUnchanged(List<List<CassandraCompactionCell>> got) {
      Set<String> keys = new TreeSet<>();
      List<List<CassandraCompactionCell>> before = new ArrayList<>(inputs);
      List<List<CassandraCompactionCell>> after = new ArrayList<>(got);
      for (Other o : others) {
        before.add(o.cells);
        after.add(o.cells);
      }
      for (List<CassandraCompactionCell> t : before) {
        t.forEach(c -> keys.add(c.key()));
      }
      for (String key : keys) {
        String was = read(before, key);
        String is = read(after, key);
        if (!Objects.equals(was, is)) {
          // The exact model passed, so this is the suite's own rule failing: say so plainly.
          throw Because.of(SHADOW, describe() + "\nAfter the compaction a read of " + quote(key)
              + " gives " + quote(is) + "; before it gave " + quote(was) + ".");
        }
      }
    }
  }

  /** A table outside the compaction, with a filter that may also say maybe for chosen keys. */
  record Other(String name, List<CassandraCompactionCell> cells, Set<String> falsePositives)
      implements CassandraOtherTable {
    @Override
    public boolean mayContain(String key) {
      if (falsePositives.contains(key)) {
        return true;
      }
      for (CassandraCompactionCell c : cells) {
        if (c.key().equals(key)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public long minTimestamp() {
      long min = Long.MAX_VALUE;
      for (CassandraCompactionCell c : cells) {
        min = Math.min(min, c.timestamp());
      }
      return min;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** The winning cell of the brief. */
  static CassandraCompactionCell newer(CassandraCompactionCell a, CassandraCompactionCell b) {
    if (a.timestamp() != b.timestamp()) {
      return a.timestamp() > b.timestamp() ? a : b;
    }
    if (a.isTombstone() != b.isTombstone()) {
      return a.isTombstone() ? a : b;
    }
    if (a.isTombstone()) {
      return a.deletedAt() >= b.deletedAt() ? a : b;
    }
    return a.value().compareTo(b.value()) >= 0 ? a : b;
  }

  /** What a read merging {@code tables} returns for {@code key}. */
  static String read(List<List<CassandraCompactionCell>> tables, String key) {
    CassandraCompactionCell best = null;
    for (List<CassandraCompactionCell> t : tables) {
      for (CassandraCompactionCell c : t) {
        if (c.key().equals(key)) {
          best = best == null ? c : newer(best, c);
        }
      }
    }
    return best == null || best.isTombstone() ? null : best.value();
  }

  static CassandraCompactionCell live(String key, long ts, String value) {
    return new CassandraCompactionCell(key, ts, value, 0);
  }

  static CassandraCompactionCell tomb(String key, long ts, long deletedAt) {
    return new CassandraCompactionCell(key, ts, null, deletedAt);
  }

  static List<List<CassandraCompactionCell>> deepCopy(List<List<CassandraCompactionCell>> l) {
    List<List<CassandraCompactionCell>> out = new ArrayList<>();
    for (List<CassandraCompactionCell> t : l) {
      out.add(t == null ? null : new ArrayList<>(t));
    }
    return out;
  }

  static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  static String cell(CassandraCompactionCell c) {
    if (c == null) {
      return "nothing";
    }
    return c.key() + (c.isTombstone() ? " tombstone@" + c.timestamp() + " (deletedAt "
        + c.deletedAt() + ")" : "=" + quote(c.value()) + "@" + c.timestamp());
  }

  static String cells(List<CassandraCompactionCell> cells) {
    List<String> out = new ArrayList<>();
    for (CassandraCompactionCell c : cells) {
      out.add(cell(c));
    }
    return out.size() > 40 ? "[" + String.join(", ", out.subList(0, 40)) + ", ... ("
        + out.size() + " cells)]" : out.toString();
  }

  static String tables(List<List<CassandraCompactionCell>> tables) {
    List<String> out = new ArrayList<>();
    for (List<CassandraCompactionCell> t : tables) {
      out.add(t == null ? "null" : cells(t));
    }
    return out.size() > 10 ? out.subList(0, 10) + " ... (" + out.size() + " tables)"
        : out.toString();
  }

  static <T> T call(String what, String hint, java.util.function.Supplier<T> body) {
    try {
      return body.get();
    } catch (UnsupportedOperationException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("TODO")) {
        throw e;
      }
      throw Because.of(COPIES, what + " threw " + e + ": are you changing an unmodifiable"
          + " input list? The inputs are the caller's; build new lists.", e);
    } catch (RuntimeException | StackOverflowError e) {
      throw Because.of(hint, what + " threw " + e + ".", e);
    }
  }
}
