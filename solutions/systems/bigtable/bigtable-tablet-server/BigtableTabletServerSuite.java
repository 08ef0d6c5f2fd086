import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for bigtable-tablet-server. Every operation runs on the learner's tablet and on
 * the suite's model of the brief; after each one the suite compares the memtable size, the list
 * of SSTables and the exact contents of each (read from the suite's own file system, which also
 * checks that every SSTable is written in ORDER and that compaction inputs are deleted only after
 * the output was written), and every read's answer. Scripted tests come first, one rule each;
 * the last test sweeps seeds of random writes, deletes, reads, compactions and tablet moves, with
 * the hint chosen per cause.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class BigtableTabletServerSuite {
  private static final String ARGS = "arguments";
  private static final String READ = "merged-read";
  private static final String DELETE = "deletion-entries";
  private static final String GC = "keep-n-versions";
  private static final String MINOR = "minor-compaction";
  private static final String MERGING = "merging-compaction";
  private static final String MAJOR = "major-compaction";
  private static final String STATE = "own-state";

  // ---------------------------------------------------------------- scripted tests

  @Test
  @Order(1)
  @DisplayName("bad arguments are rejected and change nothing; the smallest legal ones work")
  @Hint(ARGS)
  void argumentsAreChecked() {
    Gfs fs = new Gfs();
    rejects("new BigtableTabletServer(null, List.of(), 4, 3)",
        () -> new BigtableTabletServer(null, List.of(), 4, 3));
    rejects("new BigtableTabletServer(fs, null, 4, 3)",
        () -> new BigtableTabletServer(fs, null, 4, 3));
    rejects("new BigtableTabletServer(fs, List.of(), 0, 3)",
        () -> new BigtableTabletServer(fs, List.of(), 0, 3));
    rejects("new BigtableTabletServer(fs, List.of(), 4, 0)",
        () -> new BigtableTabletServer(fs, List.of(), 4, 0));
    rejects("new BigtableTabletServer(fs, List.of(), -1, 3)",
        () -> new BigtableTabletServer(fs, List.of(), -1, 3));
    Run r = new Run("a tablet with memtableLimit 4, maxVersions 3", 4, 3, ARGS);
    r.put("r1", "c1", 0, "v0"); // timestamp 0 is allowed
    r.rejected("put(\"r1\", \"c1\", 5, null)", () -> r.learner.put("r1", "c1", 5, null));
    r.rejected("put(\"r1\", \"c1\", -1, \"x\")", () -> r.learner.put("r1", "c1", -1, "x"));
    r.rejected("delete(\"r1\", \"c1\", -1)", () -> r.learner.delete("r1", "c1", -1));
    r.rejected("read(\"r1\", \"c1\", 0)", () -> r.learner.read("r1", "c1", 0));
    r.rejected("mergingCompaction(1) with no SSTable", () -> r.learner.mergingCompaction(1));
    r.put("r1", "c1", 1, "v1");
    r.minor();
    r.put("r1", "c1", 2, "v2");
    r.minor();
    r.rejected("mergingCompaction(0)", () -> r.learner.mergingCompaction(0));
    r.rejected("mergingCompaction(3) with 2 SSTables", () -> r.learner.mergingCompaction(3));
    r.rejected("mergingCompaction(-1)", () -> r.learner.mergingCompaction(-1));
    r.merge(2); // all of them is allowed
    r.read("r1", "c1", 1);
    r.read("r1", "c1", 3);
    Run small = new Run("a tablet with memtableLimit 1, maxVersions 1", 1, 1, ARGS);
    small.put("r", "c", 1, "a");
    small.put("r", "c", 2, "b");
    small.read("r", "c", 5);
    small.delete("r", "c", 1);
    small.read("r", "c", 1);
  }

  @Test
  @Order(2)
  @DisplayName("a read merges the memtable and every SSTable: newest first, newest source wins")
  @Hint(READ)
  void readMergesEverything() {
    Run r = new Run("a tablet with memtableLimit 100, maxVersions 10", 100, 10, READ);
    r.put("r1", "c1", 5, "five");
    r.put("r1", "c1", 3, "three");
    r.put("r1", "c1", 9, "nine");
    r.read("r1", "c1", 2);
    r.read("r1", "c1", 10);
    r.put("r1", "c2", 4, "other column");
    r.put("r2", "c1", 8, "other row");
    r.minor();
    r.put("r1", "c1", 7, "seven");
    r.read("r1", "c1", 10);
    r.read("r1", "c1", 1);
    r.put("r1", "c1", 5, "five again"); // same timestamp as a version in an SSTable
    r.read("r1", "c1", 10);
    r.minor();
    r.put("r1", "c1", 9, "nine again");
    r.read("r1", "c1", 3);
    r.put("r1", "c1", 9, "nine a third time"); // overwrite inside the memtable
    r.read("r1", "c1", 10);
    r.minor();
    r.put("r1", "c1", 1, "one");
    r.read("r1", "c1", 10);
    r.read("r1", "c2", 10);
    r.read("r2", "c1", 10);
    r.read("r2", "c2", 10);
    r.read("r1", "c", 10);
    // Bigtable's timestamps are microseconds since the epoch: 64-bit numbers.
    r.put("r3", "c1", 1_700_000_000_000_000L, "2023 in microseconds");
    r.put("r3", "c1", 1_700_000_000_000_001L, "one microsecond later");
    r.put("r3", "c1", 4_294_967_296L, "2^32");
    r.put("r3", "c1", Long.MAX_VALUE, "the largest timestamp");
    r.read("r3", "c1", 10);
    r.minor();
    r.delete("r3", "c1", 1_700_000_000_000_000L);
    r.read("r3", "c1", 10);
    r.readReturnsFreshList("r1", "c1");
  }

  @Test
  @Order(3)
  @DisplayName("a deletion entry hides every version at or below its timestamp, in every source")
  @Hint(DELETE)
  void deletionEntriesHideOlderVersions() {
    Run r = new Run("a tablet with memtableLimit 100, maxVersions 10", 100, 10, DELETE);
    for (int t = 1; t <= 5; t++) {
      r.put("row", "col", t, "v" + t);
    }
    r.delete("row", "col", 3);
    r.read("row", "col", 10);
    r.put("row", "col", 2, "late write below the deletion");
    r.put("row", "col", 3, "late write at the deletion");
    r.read("row", "col", 10);
    r.minor();
    r.put("row", "col", 6, "v6");
    r.delete("row", "col", 4); // in the memtable, hides v4 in the SSTable
    r.read("row", "col", 10);
    r.delete("row", "col", 2); // lower than the cell's deletion: changes nothing
    r.read("row", "col", 10);
    r.minor();
    r.put("row", "col", 4, "after two minor compactions");
    r.read("row", "col", 10);
    r.put("row", "other", 1, "another column is not deleted");
    r.read("row", "other", 10);
    r.delete("row", "col", 100);
    r.read("row", "col", 10);
    r.put("row", "col", 101, "above");
    r.read("row", "col", 10);
  }

  @Test
  @Order(4)
  @DisplayName("reads and compactions keep only the newest maxVersions versions that are visible")
  @Hint(GC)
  void keepsTheNewestVersions() {
    Run r = new Run("a tablet with memtableLimit 100, maxVersions 2", 100, 2, GC);
    for (int t = 1; t <= 6; t++) {
      r.put("row", "col", t * 10, "v" + t * 10);
    }
    r.read("row", "col", 5);
    r.read("row", "col", 1);
    r.delete("row", "col", 55);
    r.read("row", "col", 5);
    r.minor();
    r.read("row", "col", 5);
    r.put("row", "col", 5, "old");
    r.merge(1);
    r.read("row", "col", 5);
    r.delete("row", "col", 60);
    r.put("row", "col", 70, "v70");
    r.merge(1);
    r.read("row", "col", 5);
    r.major();
    r.read("row", "col", 5);
    r.put("row", "col", 80, "v80");
    r.put("row", "col", 90, "v90");
    r.put("row", "col", 100, "v100");
    r.put("row", "other", 1, "o1");
    r.merge(1);
    r.read("row", "col", 5);
    r.put("row", "col", 95, "v95");
    r.minor();
    r.merge(2);
    r.read("row", "col", 5);
    r.read("row", "other", 5);
  }

  @Test
  @Order(5)
  @DisplayName("a minor compaction writes the whole memtable once it holds memtableLimit entries")
  @Hint(MINOR)
  void minorCompactionAtTheLimit() {
    Run r = new Run("a tablet with memtableLimit 3, maxVersions 1", 3, 1, MINOR);
    r.minor(); // an empty memtable: nothing
    r.put("b", "c", 1, "b1");
    r.put("a", "c", 1, "a1");
    r.put("a", "c", 1, "a1 again"); // overwrite: not a new entry
    r.put("a", "c", 2, "a2"); // third entry: compaction
    r.put("a", "c", 3, "a3");
    r.delete("a", "c", 3);
    r.delete("a", "c", 5); // raises the deletion entry: not a new entry
    r.delete("a", "c", 4);
    r.put("a", "d", 9, "d9"); // third entry: compaction, hidden version included
    r.read("a", "c", 3);
    r.put("z", "c", 1, "z1");
    r.minor();
    r.minor();
    Run one = new Run("a tablet with memtableLimit 1, maxVersions 3", 1, 3, MINOR);
    one.put("r", "c", 5, "x");
    one.delete("r", "c", 5);
    one.put("r", "c", 5, "y");
    one.read("r", "c", 3);
  }

  @Test
  @Order(6)
  @DisplayName("a merging compaction rewrites the memtable and the newest count SSTables into one,"
      + " keeping deletion entries")
  @Hint(MERGING)
  void mergingCompaction() {
    Run r = new Run("a tablet with memtableLimit 100, maxVersions 3", 100, 3, MERGING);
    r.put("row", "col", 1, "oldest");
    r.put("row", "col", 2, "two");
    r.minor();
    r.put("row", "col", 3, "three");
    r.put("row", "x", 1, "x1");
    r.minor();
    r.delete("row", "col", 2);
    r.put("row", "col", 4, "four");
    r.minor();
    r.put("row", "col", 5, "five");
    r.delete("row", "x", 0);
    r.merge(1); // memtable + newest SSTable
    r.read("row", "col", 5);
    r.merge(2);
    r.read("row", "col", 5);
    r.put("row", "col", 6, "six");
    r.merge(2); // all
    r.read("row", "col", 5);
    r.read("row", "x", 5);
    r.put("row", "col", 3, "three again");
    r.minor();
    r.merge(2);
    r.read("row", "col", 5);
    r.delete("row", "col", 100);
    r.delete("row", "x", 100);
    r.major(); // everything deleted: one empty SSTable
    r.merge(1); // nothing to write, yet one (empty) SSTable replaces the input
    r.read("row", "col", 5);
  }

  @Test
  @Order(7)
  @DisplayName("a major compaction leaves exactly one SSTable with no deletion entries")
  @Hint(MAJOR)
  void majorCompaction() {
    Run r = new Run("a tablet with memtableLimit 100, maxVersions 3", 100, 3, MAJOR);
    r.major(); // nothing at all: one empty SSTable
    r.put("row", "col", 1, "one");
    r.put("row", "col", 2, "two");
    r.minor();
    r.delete("row", "col", 1);
    r.minor();
    r.put("row", "col", 3, "three");
    r.delete("gone", "col", 9);
    r.major();
    r.read("row", "col", 5);
    r.put("row", "col", 1, "one, after the deletion entry is gone");
    r.read("row", "col", 5);
    r.delete("row", "col", 2);
    r.major();
    r.read("row", "col", 5);
    r.delete("row", "col", 3);
    r.major(); // everything deleted: one empty SSTable
    r.read("row", "col", 5);
  }

  @Test
  @Order(8)
  @DisplayName("each tablet keeps its own state; a moved tablet opens from its SSTables")
  @Hint(STATE)
  void ownStateAndMoves() {
    Run a = new Run("tablet a (memtableLimit 3, maxVersions 2)", 3, 2, STATE);
    Run b = new Run("tablet b (memtableLimit 3, maxVersions 2), on another file system", 3, 2,
        STATE);
    a.put("r", "c", 1, "a1");
    b.put("r", "c", 2, "b2");
    a.read("r", "c", 5);
    b.read("r", "c", 5);
    a.put("r", "c", 3, "a3");
    a.put("r", "c", 4, "a4");
    a.read("r", "c", 5);
    b.read("r", "c", 5);
    a.sstablesIsACopy();
    a.put("r", "d", 7, "d7");
    a.move(true);
    a.read("r", "c", 5);
    a.read("r", "d", 5);
    a.put("r", "c", 9, "a9");
    a.read("r", "c", 5);
    a.move(false);
    a.read("r", "c", 5);
    a.merge(a.model.ssts.size());
    a.read("r", "c", 5);
  }

  @Test
  @Order(9)
  @DisplayName("random writes, deletes, compactions and moves: every SSTable and every read"
      + " match the model")
  @Hint(READ)
  void randomRuns() {
    Seeds.forEach(30, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed * 31 + 7);
      int limit = 1 + rnd.nextInt(seed % 3 == 0 ? 3 : 12);
      int versions = 1 + rnd.nextInt(4);
      Run r = new Run(String.format(Locale.ROOT, "random run (memtableLimit %d, maxVersions %d)",
          limit, versions), limit, versions, null);
      String[] rows = {"a", "b", "row-1", "row-10", "row-2"};
      String[] cols = {"c", "c1", "d"};
      int tsRange = 5 + rnd.nextInt(30);
      for (int step = 0; step < 60; step++) {
        int op = rnd.nextInt(100);
        String row = rows[rnd.nextInt(rows.length)];
        String col = cols[rnd.nextInt(cols.length)];
        long ts = rnd.nextInt(tsRange);
        if (op < 45) {
          r.put(row, col, ts, "v" + step);
        } else if (op < 58) {
          r.delete(row, col, ts);
        } else if (op < 80) {
          r.read(row, col, 1 + rnd.nextInt(5));
        } else if (op < 86) {
          r.minor();
        } else if (op < 93) {
          if (!r.model.ssts.isEmpty()) {
            r.merge(1 + rnd.nextInt(r.model.ssts.size()));
          }
        } else if (op < 96) {
          r.major();
        } else {
          r.move(rnd.nextBoolean());
        }
      }
    });
  }

  // ---------------------------------------------------------------- the file system

  /** The suite's GFS: immutable files, checked on write; logs writes and deletes. */
  private static final class Gfs implements BigtableFileSystem {
    final Map<String, List<BigtableEntry>> files = new LinkedHashMap<>();
    final List<String> log = new ArrayList<>();
    int next = 1;
    String problem;

    @Override
    public String writeSSTable(List<BigtableEntry> entries) {
      if (entries == null) {
        problem = "writeSSTable(null)";
        throw new IllegalArgumentException(problem);
      }
      List<BigtableEntry> copy = new ArrayList<>(entries);
      for (int i = 0; i < copy.size(); i++) {
        if (copy.get(i) == null) {
          problem = "writeSSTable was given a null entry at index " + i;
          throw new IllegalArgumentException(problem);
        }
        if (i > 0 && BigtableEntry.ORDER.compare(copy.get(i - 1), copy.get(i)) >= 0) {
          problem = "writeSSTable was given " + copy.get(i - 1) + " before " + copy.get(i)
              + ": entries must be in BigtableEntry.ORDER (row, column ascending, timestamp"
              + " descending, the deletion entry first), with no two of the same row, column,"
              + " timestamp and kind";
          throw new IllegalArgumentException(problem);
        }
      }
      String name = String.format(Locale.ROOT, "sst-%04d", next++);
      files.put(name, List.copyOf(copy));
      log.add("write " + name);
      return name;
    }

    @Override
    public List<BigtableEntry> readSSTable(String name) {
      List<BigtableEntry> f = files.get(name);
      if (f == null) {
        problem = "readSSTable(\"" + name + "\"): no such SSTable (deleted, or never written)";
        throw new IllegalArgumentException(problem);
      }
      return new ArrayList<>(f);
    }

    @Override
    public void deleteSSTable(String name) {
      if (files.remove(name) == null) {
        problem = "deleteSSTable(\"" + name + "\"): no such SSTable";
        throw new IllegalArgumentException(problem);
      }
      log.add("delete " + name);
    }
  }

  // ---------------------------------------------------------------- the model

  /** A cell of the model: versions by timestamp and the highest deleted timestamp (or null). */
  private static final class MCell {
    final TreeMap<Long, String> versions = new TreeMap<>();
    Long deleted;
  }

  /** The brief's tablet, with SSTables as lists of entries, newest first. */
  private static final class Model {
    final int limit;
    final int n;
    Map<String, MCell> mem = new TreeMap<>();
    int memSize;
    final List<List<BigtableEntry>> ssts = new ArrayList<>();

    Model(int limit, int n) {
      this.limit = limit;
      this.n = n;
    }

    private static String key(String row, String col) {
      return row + "\u0000" + col;
    }

    /** Returns whether the write triggered a minor compaction. */
    boolean put(String row, String col, long ts, String v) {
      MCell c = mem.computeIfAbsent(key(row, col), k -> new MCell());
      if (!c.versions.containsKey(ts)) {
        memSize++;
      }
      c.versions.put(ts, v);
      return full();
    }

    boolean delete(String row, String col, long ts) {
      MCell c = mem.computeIfAbsent(key(row, col), k -> new MCell());
      if (c.deleted == null) {
        memSize++;
        c.deleted = ts;
      } else {
        c.deleted = Math.max(c.deleted, ts);
      }
      return full();
    }

    private boolean full() {
      if (memSize >= limit) {
        minor();
        return true;
      }
      return false;
    }

    void minor() {
      if (memSize == 0) {
        return;
      }
      List<BigtableEntry> out = new ArrayList<>();
      mem.forEach((k, c) -> {
        String[] rc = k.split("\u0000", -1);
        if (c.deleted != null) {
          out.add(BigtableEntry.deletion(rc[0], rc[1], c.deleted));
        }
        c.versions.forEach((ts, v) -> out.add(new BigtableEntry(rc[0], rc[1], ts, v)));
      });
      out.sort(BigtableEntry.ORDER);
      ssts.add(0, out);
      mem = new TreeMap<>();
      memSize = 0;
    }

    /** The merged cells of the memtable and the newest {@code count} SSTables. */
    Map<String, MCell> merged(int count) {
      Map<String, MCell> cells = new TreeMap<>();
      mem.forEach((k, c) -> {
        MCell m = cells.computeIfAbsent(k, x -> new MCell());
        c.versions.forEach(m.versions::putIfAbsent);
        m.deleted = max(m.deleted, c.deleted);
      });
      for (int i = 0; i < count; i++) {
        for (BigtableEntry e : ssts.get(i)) {
          MCell m = cells.computeIfAbsent(key(e.row(), e.column()), x -> new MCell());
          if (e.isDeletion()) {
            m.deleted = max(m.deleted, e.timestamp());
          } else {
            m.versions.putIfAbsent(e.timestamp(), e.value());
          }
        }
      }
      return cells;
    }

    private static Long max(Long a, Long b) {
      return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }

    /** The visible versions of a merged cell, newest first, at most {@code cap}. */
    static List<Map.Entry<Long, String>> visible(MCell c, int cap) {
      List<Map.Entry<Long, String>> out = new ArrayList<>();
      for (Map.Entry<Long, String> v : c.versions.descendingMap().entrySet()) {
        if (out.size() < cap && (c.deleted == null || v.getKey() > c.deleted)) {
          out.add(v);
        }
      }
      return out;
    }

    void compact(int count, boolean keepDeletions) {
      Map<String, MCell> cells = merged(count);
      List<BigtableEntry> out = new ArrayList<>();
      cells.forEach((k, c) -> {
        String[] rc = k.split("\u0000", -1);
        if (keepDeletions && c.deleted != null) {
          out.add(BigtableEntry.deletion(rc[0], rc[1], c.deleted));
        }
        for (Map.Entry<Long, String> v : visible(c, n)) {
          out.add(new BigtableEntry(rc[0], rc[1], v.getKey(), v.getValue()));
        }
      });
      out.sort(BigtableEntry.ORDER);
      for (int i = 0; i < count; i++) {
        ssts.remove(0);
      }
      ssts.add(0, out);
      mem = new TreeMap<>();
      memSize = 0;
    }

    List<BigtableEntry> read(String row, String col, int k) {
      MCell c = merged(ssts.size()).get(key(row, col));
      List<BigtableEntry> out = new ArrayList<>();
      if (c != null) {
        for (Map.Entry<Long, String> v : visible(c, Math.min(k, n))) {
          out.add(new BigtableEntry(row, col, v.getKey(), v.getValue()));
        }
      }
      return out;
    }
  }

  // ---------------------------------------------------------------- running both

  /** A learner tablet and the model, driven by the same operations and compared after each. */
  private static final class Run {
    final String name;
    final int limit;
    final int n;
    final String hint;
    final Gfs fs = new Gfs();
    final Model model;
    BigtableTabletServer learner;
    final List<String> history = new ArrayList<>();

    Run(String name, int limit, int n, String hint) {
      this.name = name;
      this.limit = limit;
      this.n = n;
      this.hint = hint;
      this.model = new Model(limit, n);
      this.learner = open(new ArrayList<>(), "new BigtableTabletServer(fs, [], " + limit + ", "
          + n + ")");
    }

    private BigtableTabletServer open(List<String> list, String call) {
      try {
        return new BigtableTabletServer(fs, list, limit, n);
      } catch (RuntimeException e) {
        throw Because.of(ARGS, name + ": " + call + " threw " + e + where(e)
            + "; these arguments are legal.", e);
      }
    }

    private String story() {
      int from = Math.max(0, history.size() - 14);
      StringBuilder sb = new StringBuilder(name);
      sb.append(from > 0 ? ", its last steps (of " + history.size() + "):" : ", its steps:");
      for (int i = from; i < history.size(); i++) {
        sb.append("\n    ").append(i + 1).append(". ").append(history.get(i));
      }
      return sb.toString();
    }

    private AssertionError threw(String what, RuntimeException e, String causeHint) {
      String fsNote = fs.problem != null ? "\n  the file system said: " + fs.problem : "";
      String h = causeHint;
      if (fs.problem != null && fs.problem.contains("ORDER")) {
        h = hint == null ? MINOR : hint;
      }
      return Because.of(hint == null ? h : hint, story() + "\n  " + what + " threw " + e
          + where(e) + fsNote, e);
    }

    void put(String row, String col, long ts, String v) {
      String op = String.format(Locale.ROOT, "put(\"%s\", \"%s\", %d, \"%s\")", row, col, ts, v);
      history.add(op);
      fs.problem = null;
      boolean compacted = model.put(row, col, ts, v);
      try {
        learner.put(row, col, ts, v);
      } catch (IllegalArgumentException e) {
        throw Because.of(hint != null ? hint : fs.problem != null ? MINOR : ARGS, story()
            + "\n  threw " + e + where(e) + ": a legal put"
            + (fs.problem != null ? "\n  the file system said: " + fs.problem : ""), e);
      } catch (RuntimeException e) {
        throw threw(op, e, READ);
      }
      check(op, compacted ? "minor" : "write");
    }

    void delete(String row, String col, long ts) {
      String op = String.format(Locale.ROOT, "delete(\"%s\", \"%s\", %d)", row, col, ts);
      history.add(op);
      fs.problem = null;
      boolean compacted = model.delete(row, col, ts);
      try {
        learner.delete(row, col, ts);
      } catch (IllegalArgumentException e) {
        throw Because.of(hint != null ? hint : fs.problem != null ? MINOR : ARGS, story()
            + "\n  threw " + e + where(e) + ": a legal delete"
            + (fs.problem != null ? "\n  the file system said: " + fs.problem : ""), e);
      } catch (RuntimeException e) {
        throw threw(op, e, DELETE);
      }
      check(op, compacted ? "minor" : "write");
    }

    void minor() {
      String op = "minorCompaction()";
      history.add(op);
      fs.problem = null;
      model.minor();
      try {
        learner.minorCompaction();
      } catch (RuntimeException e) {
        throw threw(op, e, MINOR);
      }
      check(op, "minor");
    }

    void merge(int count) {
      String op = "mergingCompaction(" + count + ")";
      history.add(op);
      model.compact(count, true);
      fs.problem = null;
      int logAt = fs.log.size();
      try {
        learner.mergingCompaction(count);
      } catch (IllegalArgumentException e) {
        throw Because.of(hint == null ? (fs.problem != null ? MERGING : ARGS) : hint, story()
            + "\n  threw " + e + where(e) + ": count " + count + " is between 1 and the "
            + "number of SSTables" + (fs.problem != null ? "\n  the file system said: "
            + fs.problem : ""), e);
      } catch (RuntimeException e) {
        throw threw(op, e, MERGING);
      }
      writeBeforeDelete(op, logAt, MERGING);
      check(op, "merging");
    }

    void major() {
      String op = "majorCompaction()";
      history.add(op);
      model.compact(model.ssts.size(), false);
      fs.problem = null;
      int logAt = fs.log.size();
      try {
        learner.majorCompaction();
      } catch (RuntimeException e) {
        throw threw(op, e, MAJOR);
      }
      writeBeforeDelete(op, logAt, MAJOR);
      check(op, "major");
    }

    /** The tablet moves: (a minor compaction first, if asked) and a new server opens it. */
    void move(boolean minorFirst) {
      if (minorFirst) {
        minor();
      } else if (model.memSize > 0) {
        minor(); // the source always compacts a non-empty memtable before a move
      }
      List<String> list;
      try {
        list = learner.sstables();
      } catch (RuntimeException e) {
        throw threw("sstables()", e, STATE);
      }
      String op = "the tablet moves: new BigtableTabletServer(fs, " + list + ", " + limit + ", "
          + n + ")";
      history.add(op);
      ArrayList<String> given = new ArrayList<>(list);
      learner = open(given, op);
      given.clear(); // the caller's list is the caller's
      given.add("sst-9999");
      check(op + ", then the list passed in was changed", "move");
    }

    void read(String row, String col, int k) {
      String op = String.format(Locale.ROOT, "read(\"%s\", \"%s\", %d)", row, col, k);
      history.add(op);
      List<BigtableEntry> want = model.read(row, col, k);
      List<BigtableEntry> got;
      try {
        got = learner.read(row, col, k);
      } catch (RuntimeException e) {
        throw threw(op, e, READ);
      }
      if (want.equals(got)) {
        return;
      }
      String h = readCause(row, col, k, want, got);
      throw Because.of(hint == null ? h : hint, story() + "\n  " + op + " returned " + got
          + "\n  expected " + want + "\n  " + readWhy(h));
    }

    private String readCause(String row, String col, int k, List<BigtableEntry> want,
        List<BigtableEntry> got) {
      if (got == null) {
        return READ;
      }
      if (got.size() > want.size() && got.size() > n && want.size() == Math.min(k, n)) {
        return GC;
      }
      MCell all = model.merged(model.ssts.size()).get(Model.key(row, col));
      if (all != null && all.deleted != null) {
        for (BigtableEntry e : got) {
          if (e.timestamp() <= all.deleted) {
            return DELETE;
          }
        }
        if (got.size() < want.size() && !want.isEmpty()
            && want.get(want.size() - 1).timestamp() == all.deleted + 1) {
          return DELETE;
        }
      }
      return READ;
    }

    private String readWhy(String h) {
      switch (h) {
        case GC:
          return "A read returns at most min(k, maxVersions) = the newest maxVersions versions.";
        case DELETE:
          return "A deletion entry at t hides every version with a timestamp at most t (that"
              + " is, t itself too), wherever the version is; versions above t stay.";
        default:
          return "A read merges the memtable and every SSTable: for each timestamp the newest"
              + " source wins (memtable, then SSTables newest first), versions hidden by the"
              + " highest deletion entry drop out, and the newest min(k, maxVersions) come back,"
              + " newest first.";
      }
    }

    void readReturnsFreshList(String row, String col) {
      List<BigtableEntry> got = learner.read(row, col, 10);
      try {
        got.clear();
      } catch (UnsupportedOperationException e) {
        throw Because.of(hint == null ? READ : hint, story() + "\n  read(\"" + row + "\", \""
            + col + "\", 10) returned a list the caller cannot change; return a new list.");
      }
      history.add("read(\"" + row + "\", \"" + col + "\", 10), then the caller cleared the list");
      read(row, col, 10);
    }

    void sstablesIsACopy() {
      List<String> got = learner.sstables();
      try {
        got.clear();
        got.add("sst-9999");
      } catch (UnsupportedOperationException e) {
        // an unmodifiable copy is also fine
      }
      history.add("sstables(), then the caller changed the list it got");
      check("sstables(), then the caller changed the list", "write");
    }

    void rejected(String call, Runnable r) {
      history.add(call);
      int before = fs.files.size();
      try {
        r.run();
      } catch (IllegalArgumentException expected) {
        check(call + " (rejected)", "write");
        if (fs.files.size() != before) {
          throw Because.of(ARGS, story() + "\n  " + call + " wrote or deleted an SSTable before"
              + " it threw: a rejected call changes nothing.");
        }
        return;
      } catch (RuntimeException e) {
        throw Because.of(ARGS, story() + "\n  " + call + " threw " + e + where(e)
            + "; expected IllegalArgumentException.", e);
      }
      throw Because.of(ARGS, story() + "\n  " + call + " returned normally; expected"
          + " IllegalArgumentException.");
    }

    private void writeBeforeDelete(String op, int logAt, String h) {
      boolean written = false;
      for (String event : fs.log.subList(logAt, fs.log.size())) {
        if (event.startsWith("write")) {
          written = true;
        } else if (!written) {
          throw Because.of(hint == null ? h : hint, story() + "\n  " + op + ": the file system"
              + " saw " + fs.log.subList(logAt, fs.log.size()) + ". An input SSTable was"
              + " deleted before the merged SSTable was written: a crash in between loses its"
              + " data. Write the new SSTable first, then delete the inputs.");
        }
      }
    }

    /** Compares memtable size, SSTable list and contents after {@code op} (of kind {@code kind}). */
    void check(String op, String kind) {
      String opHint = switch (kind) {
        case "minor" -> MINOR;
        case "merging" -> MERGING;
        case "major" -> MAJOR;
        case "move" -> STATE;
        default -> MINOR;
      };
      int size;
      List<String> list;
      try {
        size = learner.memtableSize();
        list = learner.sstables();
      } catch (RuntimeException e) {
        throw threw("memtableSize() or sstables() after " + op, e, STATE);
      }
      if (list == null) {
        throw Because.of(hint == null ? STATE : hint, story() + "\n  sstables() returned null.");
      }
      List<List<BigtableEntry>> got = new ArrayList<>();
      for (String name : list) {
        List<BigtableEntry> f = fs.files.get(name);
        if (f == null) {
          throw Because.of(hint == null ? (kind.equals("move") ? STATE : opHint) : hint,
              story() + "\n  after " + op + ", sstables() is " + list + ", but " + name
              + " is not on the file system" + (fs.log.contains("delete " + name)
                  ? " (it was deleted)" : "") + ". The SSTables on it are "
              + fs.files.keySet() + ".");
        }
        got.add(f);
      }
      if (!got.equals(model.ssts)) {
        String h = sstCause(kind, got);
        throw Because.of(hint == null ? h : hint, story() + "\n  after " + op
            + ", the SSTables (newest first) are:" + show(got) + "\n  expected:"
            + show(model.ssts) + "\n  " + sstWhy(h));
      }
      Set<String> live = new LinkedHashSet<>(fs.files.keySet());
      if (!kind.equals("move") && !new java.util.HashSet<>(list).equals(live)) {
        live.removeAll(list);
        throw Because.of(hint == null ? opHint : hint, story() + "\n  after " + op + ", the file"
            + " system still holds " + live + ", which sstables() does not list: delete the"
            + " input SSTables of a merging or major compaction once the new one is written.");
      }
      if (size != model.memSize) {
        throw Because.of(hint == null ? MINOR : hint, story() + "\n  after " + op
            + ", memtableSize() = " + size + "; expected " + model.memSize + ". One per version"
            + " (one per timestamp: an overwrite adds nothing) plus one per cell with a deletion"
            + " entry (a second delete of the cell only raises its timestamp); 0 right after a"
            + " compaction.");
      }
    }

    private String sstCause(String kind, List<List<BigtableEntry>> got) {
      if (got.size() != model.ssts.size()) {
        if (kind.equals("move")) {
          return STATE;
        }
        if (kind.equals("write") || kind.equals("minor")) {
          return MINOR;
        }
        return kind.equals("major") ? MAJOR : MERGING;
      }
      // Same count: look at the newest SSTable (the one this operation wrote), cell by cell.
      for (int i = 0; i < got.size(); i++) {
        if (got.get(i).equals(model.ssts.get(i))) {
          continue;
        }
        if (kind.equals("write") || kind.equals("move")) {
          return kind.equals("move") ? STATE : MINOR;
        }
        if (kind.equals("minor")) {
          return MINOR;
        }
        Map<String, int[]> gotCells = cells(got.get(i));
        Map<String, int[]> wantCells = cells(model.ssts.get(i));
        boolean deletionsDiffer = false;
        boolean versionCountsDiffer = false;
        for (String k : union(gotCells.keySet(), wantCells.keySet())) {
          int[] g = gotCells.getOrDefault(k, new int[2]);
          int[] w = wantCells.getOrDefault(k, new int[2]);
          deletionsDiffer |= g[0] != w[0];
          versionCountsDiffer |= g[1] != w[1];
        }
        if (deletionsDiffer) {
          return kind.equals("major") ? MAJOR : MERGING;
        }
        if (versionCountsDiffer && hidesNothing(got.get(i))) {
          return GC;
        }
        return kind.equals("major") ? MAJOR : MERGING;
      }
      return READ;
    }

    /** Whether no version in {@code sst} is at or below its cell's deletion entry. */
    private boolean hidesNothing(List<BigtableEntry> sst) {
      Map<String, Long> del = new HashMap<>();
      for (BigtableEntry e : sst) {
        if (e.isDeletion()) {
          del.put(Model.key(e.row(), e.column()), e.timestamp());
        }
      }
      for (BigtableEntry e : sst) {
        Long d = del.get(Model.key(e.row(), e.column()));
        if (!e.isDeletion() && d != null && e.timestamp() <= d) {
          return false;
        }
      }
      return true;
    }

    private static Map<String, int[]> cells(List<BigtableEntry> sst) {
      Map<String, int[]> m = new HashMap<>();
      for (BigtableEntry e : sst) {
        int[] c = m.computeIfAbsent(Model.key(e.row(), e.column()), k -> new int[2]);
        c[e.isDeletion() ? 0 : 1]++;
      }
      return m;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
      Set<String> u = new LinkedHashSet<>(a);
      u.addAll(b);
      return u;
    }

    private String sstWhy(String h) {
      switch (h) {
        case MINOR:
          return "After every put and delete, once memtableSize() >= memtableLimit (" + limit
              + "), write the whole memtable as it is (every version, hidden or not, and each"
              + " cell's deletion entry) as a new SSTable, newest first in the list, and empty"
              + " the memtable. No garbage collection and no dropping in a minor compaction.";
        case MERGING:
          return "A merging compaction reads the memtable and the newest count SSTables and"
              + " writes one SSTable in their place, as the newest: per cell, one deletion entry"
              + " at the highest deleted timestamp D, and for each timestamp the newest input's"
              + " value, without those at or below D, at most maxVersions (" + n + ").";
        case MAJOR:
          return "A major compaction is a merging compaction over the memtable and all"
              + " SSTables that writes no deletion entry (and none of the data they hid), and"
              + " always leaves exactly one SSTable.";
        case GC:
          return "Compactions keep the newest maxVersions (" + n + ") versions of each cell"
              + " among those no deletion entry hides: drop hidden versions first, then count.";
        case STATE:
          return "A tablet opened with a list of SSTables holds exactly those, newest first,"
              + " and keeps its own copy of the list.";
        default:
          return "";
      }
    }

    private static String show(List<List<BigtableEntry>> ssts) {
      if (ssts.isEmpty()) {
        return " none";
      }
      StringBuilder sb = new StringBuilder();
      for (List<BigtableEntry> s : ssts) {
        sb.append("\n    ").append(s);
      }
      return sb.toString();
    }
  }

  private static void rejects(String call, Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException expected) {
      return;
    } catch (RuntimeException e) {
      throw Because.of(ARGS, call + " threw " + e + where(e)
          + "; expected IllegalArgumentException.", e);
    }
    throw Because.of(ARGS, call + " returned normally; expected IllegalArgumentException.");
  }

  /** The learner's frame where {@code e} was thrown, if any. */
  private static String where(Throwable e) {
    for (StackTraceElement f : e.getStackTrace()) {
      if ("BigtableTabletServer.java".equals(f.getFileName())) {
        return " (at BigtableTabletServer.java:" + f.getLineNumber() + ")";
      }
    }
    return "";
  }
}
