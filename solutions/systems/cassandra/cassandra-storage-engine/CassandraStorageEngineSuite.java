import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import dstutor.sim.CrashDisk;
import dstutor.sim.CrashDisk.PowerCut;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for the cassandra-storage-engine exercise. The suite plays the node's owner: it
 * drives the learner's engine over a {@link CrashDisk} (dstutor.sim's disk whose power the suite
 * cuts, the crash model of the write-ahead-log exercise) and tables of its own ({@link Tables},
 * which count every table read and share the disk's power), and cuts the power at chosen disk
 * calls and table writes.
 *
 * <p>Everything expected comes from the suite's model: the writes made, in order, and how many of
 * them were acknowledged (a sync returned after them). Without a crash the model is exact: the
 * value of every key, the memtable, so the table every flush must write. After a crash the model
 * knows only that a prefix of the writes survived, at least the acknowledged ones; the answers of
 * get must match one such prefix. The Bloom filters are never decoded: the suite knows what each
 * table holds, so a read of a table lacking the key is a false positive, and the rate is bounded.
 * A failure tells its run's story and names the rung of the hint ladder about its cause.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class CassandraStorageEngineSuite {
  // The rungs of the hint ladder (exercise.yaml).
  private static final String LOG = "log-then-memtable";
  private static final String TS = "newest-timestamp-wins";
  private static final String TOMB = "tombstones";
  private static final String FLUSH = "flush-at-the-limit";
  private static final String BLOOM = "bloom-filter-per-table";
  private static final String REPLAY = "replay-what-no-table-holds";
  private static final String ARGS = "arguments";

  /**
   * The largest share of (get, table lacking the key) pairs that may be read: the brief's 4%.
   * Plain double hashing over a filter of 77 or 80 bits (8 keys) reads 1.5% to 2.5% here and, with
   * other hashes, up to about 3.5% (a blind review's sweep over 1,000 hash seeds); 4% keeps every
   * correct filter passing and still fails any that is not sized per table.
   */
  private static final double MAX_FALSE_POSITIVES = 0.04;
  /** What the log files may still hold right after a flush: the brief's 64 bytes. */
  private static final int MAX_LOG_AFTER_FLUSH = 64;

  // ---------------------------------------------------------------------------------------------
  // 1. Round trip

  @Test
  @Order(1)
  @DisplayName("without a crash get returns the newest value of every key, across memtable and tables")
  @Hint(TS)
  void roundTrip() {
    for (int limit : new int[] {1, 2, 7, 64}) {
      Node n = new Node("Memtable limit " + limit, true);
      n.open(limit);
      n.put("key-1", "one", 10);
      n.put("key-2", "two", 10);
      n.put("", "the empty key", 3);
      n.put("empty value", "", 4);
      n.put("καλημέρα", "日本語のテキスト", 5);
      n.put("key-1", "one again", 11);
      n.checkAll();
      for (int i = 1; i <= 150; i++) {
        n.put("key-" + i, "value-" + i + "-" + (i % 7 == 0 ? "x".repeat(300) : ""), 100 + i);
      }
      SplittableRandom rnd = new SplittableRandom(limit);
      for (int i = 0; i < 120; i++) {
        n.put(randomKey(rnd, 40), randomValue(rnd), 1_000 + i);
      }
      n.checkAll();
      n.get("never written");
      n.sync();
      n.restart(limit);
      n.checkAll();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 2. Timestamps

  @Test
  @Order(2)
  @DisplayName("the newest timestamp wins whatever order writes arrive in; ties go to the greater value")
  @Hint(TS)
  void newestTimestampWins() {
    for (int limit : new int[] {1, 2, 3, 5, 100}) {
      Node n = new Node("Memtable limit " + limit, true);
      n.open(limit);
      // Older cells arriving after newer ones, in the memtable and in tables.
      n.put("a", "a-at-50", 50);
      n.put("a", "a-at-20", 20);
      n.put("b", "b-at-5", 5);
      n.put("c", "c-at-7", 7);
      n.put("b", "b-at-1", 1);
      n.put("a", "a-at-49", 49);
      n.checkAll();
      // Ties: the greater value wins, whichever came first.
      n.put("tie", "m", 30);
      n.put("tie", "b", 30);
      n.put("tie", "z", 30);
      n.put("tie", "c", 30);
      n.put("tie2", "zz", 30);
      n.put("tie2", "zzz", 30);
      n.checkAll();
      // Fill so that the cells spread over tables, then older and newer ones again.
      for (int i = 0; i < 12; i++) {
        n.put("fill-" + i, "f" + i, i);
      }
      n.put("a", "a-at-48", 48);
      n.put("c", "c-at-8", 8);
      n.put("tie", "a", 30);
      n.put("tie2", "zzzz", 29);
      n.checkAll();
      n.sync();
      n.restart(limit);
      n.checkAll();
    }
    // Random timestamps, few keys, so that cells of a key lie in many tables.
    Seeds.forEach(20, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
      int limit = 1 + rnd.nextInt(6);
      Node n = new Node("Seed " + seed + ", memtable limit " + limit, true);
      n.open(limit);
      for (int i = 0; i < 80; i++) {
        n.put("k" + rnd.nextInt(8), "v" + rnd.nextInt(20), rnd.nextInt(40));
      }
      n.checkAll();
    });
  }

  // ---------------------------------------------------------------------------------------------
  // 3. Tombstones

  @Test
  @Order(3)
  @DisplayName("a delete is a tombstone: it hides older cells in every table, is flushed, and wins ties")
  @Hint(TOMB)
  void tombstones() {
    for (int limit : new int[] {1, 2, 3, 100}) {
      Node n = new Node("Memtable limit " + limit, true);
      n.open(limit);
      n.put("gone", "old", 10);
      n.put("x", "x", 1);
      n.put("y", "y", 1);
      n.delete("gone", 20);
      n.checkAll();
      for (int i = 0; i < 5; i++) {
        n.put("fill-" + i, "f", 1);
      }
      n.checkAll();
      n.put("gone", "older than the delete", 15);
      n.delete("x", 0); // older than x's value: hides nothing
      n.put("y", "y-tie", 1);
      n.delete("y", 1); // a tie goes to the tombstone
      n.checkAll();
      n.put("back", "b", 5);
      n.delete("back", 6);
      n.put("back", "b again", 7); // a newer put brings the key back
      n.delete("never written", 3);
      n.checkAll();
      for (int i = 5; i < 10; i++) {
        n.put("fill-" + i, "f", 1);
      }
      n.sync();
      n.restart(limit);
      n.checkAll();
    }
    Seeds.forEach(20, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed * 0xBF58476D1CE4E5B9L);
      int limit = 1 + rnd.nextInt(5);
      Node n = new Node("Seed " + seed + ", memtable limit " + limit, true);
      n.open(limit);
      for (int i = 0; i < 80; i++) {
        String key = "k" + rnd.nextInt(6);
        if (rnd.nextInt(3) == 0) {
          n.delete(key, rnd.nextInt(30));
        } else {
          n.put(key, "v" + rnd.nextInt(9), rnd.nextInt(30));
        }
      }
      n.checkAll();
    });
  }

  // ---------------------------------------------------------------------------------------------
  // 4. Flush

  @Test
  @Order(4)
  @DisplayName("a write that makes the memtable reach its limit flushes it, sorted, one cell per key")
  @Hint(FLUSH)
  void flushAtTheLimit() {
    for (int limit : new int[] {1, 2, 4, 9}) {
      Node n = new Node("Memtable limit " + limit, true);
      n.open(limit);
      SplittableRandom rnd = new SplittableRandom(40 + limit);
      for (int i = 0; i < 60; i++) {
        String key = rnd.nextInt(3) == 0 ? "hot" : "key-" + rnd.nextInt(30);
        if (rnd.nextInt(6) == 0) {
          n.delete(key, rnd.nextInt(1000));
        } else {
          n.put(key, randomValue(rnd), rnd.nextInt(1000));
        }
        if (rnd.nextInt(8) == 0) {
          n.sync();
        }
      }
      n.checkAll();
      // A clean restart with a smaller limit: replay flushes as soon as the memtable reaches it.
      n.sync();
      n.restart(Math.max(1, limit / 2));
      n.put("after", "restart", 5);
      n.sync();
      n.restart(limit + 3);
      n.checkAll();
    }
    // A dozen lives without a flush can leave a dozen log files: recovery replays them in the
    // order they were written, and its flushes (with a smaller limit) show that order.
    Node n = new Node("Twelve clean restarts without a flush, then limit 5", true);
    n.open(100);
    for (int life = 0; life < 12; life++) {
      n.put("life-" + (char) ('a' + life), "v" + life, 100 - life);
      n.sync();
      n.restart(100);
    }
    n.restart(5);
    n.put("after", "restart", 5);
    n.sync();
    n.restart(5);
    n.checkAll();
  }

  // ---------------------------------------------------------------------------------------------
  // 5. Bloom filters

  @Test
  @Order(5)
  @DisplayName("get reads each table at most once, and only tables whose Bloom filter may hold the key")
  @Hint(BLOOM)
  void bloomFilters() {
    for (int limit : new int[] {1, 8, 40}) {
      Node n = new Node("Memtable limit " + limit, true);
      n.open(limit);
      int keys = limit == 1 ? 120 : limit * 60;
      for (int i = 0; i < keys; i++) {
        n.put("row-" + i, "v" + i, i);
      }
      n.checkSome(new SplittableRandom(limit), 60);
      for (int i = 0; i < 300; i++) {
        n.get("absent-" + i);
      }
      n.sync();
      n.restart(limit);
      for (int i = 0; i < 300; i++) {
        n.get("missing-" + i);
      }
      n.checkSome(new SplittableRandom(limit + 1), 60);
      if (limit >= 8) {
        // Filters of one key are a few bits, where double hashing is coarse: rate not judged.
        n.checkFalsePositives();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 6. The power cut at every call, without flushes

  @Test
  @Order(6)
  @DisplayName("the power cut at any disk call: every acknowledged write survives, torn records never come back")
  @Hint(LOG)
  void everyCrashPointOfTheLog() {
    everyCrashPoint("Memtable limit 100 (no flushes)", 100, false);
  }

  // ---------------------------------------------------------------------------------------------
  // 7. The power cut at every call, with flushes

  @Test
  @Order(7)
  @DisplayName("the power cut at any disk call or table write around flushes: nothing lost, duplicated or resurrected")
  @Hint(REPLAY)
  void everyCrashPointWithFlushes() {
    everyCrashPoint("Memtable limit 3", 3, true);
  }

  /** The small run of the two properties above, cut at each of its calls in turn. */
  private static void everyCrashPoint(String scenario, int limit, boolean deletes) {
    Node dry = new Node(scenario, false);
    dry.open(limit);
    smallRun(dry, deletes, -1);
    int calls = dry.disk.calls();
    for (int cut = 0; cut < calls; cut++) {
      // A first pass finds how many unsynced changes there are at this cut.
      Node probe = new Node(scenario, false);
      probe.open(limit);
      smallRun(probe, deletes, cut);
      int pending = probe.disk.pending().size();
      int longest = 0;
      for (CrashDisk.Change c : probe.disk.pending()) {
        longest = Math.max(longest, c.length());
      }
      for (int whole = 0; whole <= pending; whole++) {
        for (int keepCase = 0; keepCase < (whole < pending ? 4 : 1); keepCase++) {
          for (boolean zeros : whole < pending ? new boolean[] {false, true}
              : new boolean[] {false}) {
            Node n = new Node(scenario, false);
            n.open(limit);
            smallRun(n, deletes, cut);
            int len = whole < pending ? n.disk.pending().get(whole).length() : 0;
            int keep = switch (keepCase) {
              case 0 -> -1;
              case 1 -> 0;
              case 2 -> len / 2;
              default -> Math.max(0, len - 1);
            };
            n.crash(whole, keep, zeros);
            n.open(limit);
            // Right after recovery the power goes again: whatever recovery changed and did not
            // fsync is torn (its first change zero-filled).
            n.cutNow();
            n.crash(0, 0, true);
            n.open(limit);
            n.put("after-1", "first write after the crash", 77);
            n.sync();
            n.cutNow();
            n.crash(0, 0, true);
            n.open(limit);
            n.put("after-2", "second write after the crash", 78);
            n.delete("k1", 79);
            n.sync();
            n.restart(limit);
          }
        }
      }
    }
  }

  /** Ten writes in three batches; the power is cut at call {@code cut} (none if -1). */
  private static void smallRun(Node n, boolean deletes, int cut) {
    n.disk.cutAt(cut);
    try {
      n.put("k1", "v1", 10);
      n.put("k2", "v2", 10);
      n.sync();
      n.put("k3", "v3", 10);
      if (deletes) {
        n.delete("k1", 11);
      } else {
        n.put("k1", "v1 again", 11);
      }
      n.put("k4", "v4", 10);
      n.sync();
      n.put("k2", "v2 older", 9);
      n.put("k5", "v5", 10);
      if (deletes) {
        n.delete("k3", 12);
      } else {
        n.put("k3", "v3 again", 12);
      }
      n.put("k6", "v6", 10);
      n.sync();
      n.put("k7", "v7 unsynced", 10);
    } catch (PowerCut expected) {
      // The story already says where.
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 8. Random runs with crashes

  @Test
  @Order(8)
  @DisplayName("200 random runs of several lives, cut at random calls: nothing acknowledged lost, duplicated or resurrected")
  @Hint(REPLAY)
  void randomCrashes() {
    Seeds.forEach(200, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed * 0x94D049BB133111EBL);
      int lives = 2 + rnd.nextInt(3);
      Node n = new Node("Seed " + seed, false);
      Set<String> cells = new HashSet<>();
      int keys = 3 + rnd.nextInt(12);
      n.open(1 + rnd.nextInt(6));
      for (int life = 0; life < lives; life++) {
        int ops = 5 + rnd.nextInt(30);
        if (rnd.nextInt(4) != 0) {
          n.disk.cutAt(n.disk.calls() + rnd.nextInt(ops + 5));
        }
        try {
          for (int i = 0; i < ops; i++) {
            String key = "key-" + rnd.nextInt(keys);
            long ts;
            String value = rnd.nextInt(4) == 0 ? null : "v" + rnd.nextInt(1000);
            do {
              ts = rnd.nextInt(500);
            } while (!cells.add(key + "@" + ts));
            if (value == null) {
              n.delete(key, ts);
            } else {
              n.put(key, value, ts);
            }
            if (rnd.nextInt(5) == 0) {
              n.sync();
            }
            if (rnd.nextInt(6) == 0) {
              n.get("key-" + rnd.nextInt(keys));
            }
          }
          n.cutNow();
        } catch (PowerCut expected) {
          // The story says where.
        }
        List<CrashDisk.Change> pending = n.disk.pending();
        int whole = pending.isEmpty() ? 0 : rnd.nextInt(pending.size() + 1);
        int keep = whole < pending.size() ? rnd.nextInt(pending.get(whole).length() + 1) : -1;
        n.crash(whole, keep, rnd.nextBoolean());
        n.open(1 + rnd.nextInt(6));
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // 9. Arguments

  @Test
  @Order(9)
  @DisplayName("a memtable limit below 1 is rejected; limit 1 is allowed")
  @Hint(ARGS)
  void arguments() {
    for (int bad : new int[] {0, -1, Integer.MIN_VALUE}) {
      try {
        new CassandraStorageEngine(new CrashDisk(), new Tables(new CrashDisk()), bad);
      } catch (IllegalArgumentException expected) {
        continue;
      } catch (RuntimeException e) {
        throw Because.of(ARGS, "new CassandraStorageEngine(disk, tables, " + bad + ") threw " + e
            + "; expected IllegalArgumentException.", e);
      }
      throw Because.of(ARGS, "new CassandraStorageEngine(disk, tables, " + bad + ") returned;"
          + " expected IllegalArgumentException: a memtable must hold at least one key.");
    }
    Node n = new Node("Memtable limit 1", true);
    n.open(1);
    n.put("only", "one", 1);
    n.checkAll();
  }

  // =============================================================================================
  // The model and the run

  /** A run of one node over its lives, with the suite's model beside it. */
  static final class Node {
    final String scenario;
    /** True while no crash happened: the model then knows the memtable and every flush. */
    boolean exact;
    final CrashDisk disk = new CrashDisk();
    final Tables tables = new Tables(disk);
    CassandraStorageEngine engine;
    int limit;
    /** Every write made, in order, lost ones included. */
    final List<CassandraCell> made = new ArrayList<>();
    /** How many times each cell was written: a cell written once is never in two tables. */
    final Map<CassandraCell, Integer> issued = new HashMap<>();
    /** How many of {@link #made} are acknowledged (while no crash happened). */
    int acked;
    /**
     * After a crash: every history of surviving writes the engine's answers so far allow. A lost
     * write can be invisible for a while (a tombstone of a key that had no value), so the suite
     * keeps each candidate until an answer rules it out.
     */
    List<World> worlds;
    final Set<String> keys = new TreeSet<>();
    final List<String> story = new ArrayList<>();
    // The exact model: the memtable and the writes since the last flush.
    final TreeMap<String, CassandraCell> mem = new TreeMap<>();
    final List<CassandraCell> sinceFlush = new ArrayList<>();
    final List<List<CassandraCell>> expectedTables = new ArrayList<>();
    int tablesChecked;
    /** How many times the engine was opened. */
    int lives;
    /** Writes made since the last sync() returned. */
    int writesSinceSync;
    // False positives: (get, table lacking the key) pairs, and how many of them were read.
    long pairs;
    long falseReads;

    Node(String scenario, boolean exact) {
      this.scenario = scenario;
      this.exact = exact;
      if (!exact) {
        worlds = new ArrayList<>(List.of(new World(new ArrayList<>(), 0)));
      }
    }

    void open(int limit) {
      lives++;
      this.limit = limit;
      tables.limit = limit;
      String what = "new CassandraStorageEngine(disk, tables, " + limit + "), then recover()";
      story.add(what);
      engine = call(what, LOG, () -> new CassandraStorageEngine(disk, tables, limit));
      disk.suspendCuts(true); // the power is never cut inside recover()
      call("recover()", LOG, () -> {
        engine.recover();
        return null;
      });
      disk.suspendCuts(false);
      if (exact) {
        // Replay: the writes since the last flush, under the new limit.
        List<CassandraCell> replay = new ArrayList<>(sinceFlush);
        mem.clear();
        sinceFlush.clear();
        for (CassandraCell c : replay) {
          model(c);
        }
        checkTables("recover()");
      } else {
        checkTableShapes("recover()");
        resolveSurvivors();
      }
    }

    void restart(int newLimit) {
      story.add("restart (a clean shutdown: the disk keeps everything)");
      if (writesSinceSync > 0) {
        throw new IllegalStateException("suite bug: restart without a sync");
      }
      // A clean shutdown: whatever recovery left unsynced reaches the disk too.
      disk.crash(disk.pending().size(), -1, false);
      engine = null;
      open(newLimit);
    }

    void put(String key, String value, long ts) {
      write(new CassandraCell(key, ts, value), "put(" + quote(key) + ", " + quote(value) + ", "
          + ts + ")");
    }

    void delete(String key, long ts) {
      write(new CassandraCell(key, ts, null), "delete(" + quote(key) + ", " + ts + ")");
    }

    private void write(CassandraCell cell, String what) {
      story.add(what);
      keys.add(cell.key());
      made.add(cell);
      writesSinceSync++;
      issued.merge(cell, 1, Integer::sum);
      if (worlds != null) {
        for (World w : worlds) {
          w.writes.add(cell);
        }
      }
      int changes = disk.changes();
      int tablesBefore = tables.count();
      call(what, LOG, () -> {
        if (cell.isTombstone()) {
          engine.delete(cell.key(), cell.timestamp());
        } else {
          engine.put(cell.key(), cell.value(), cell.timestamp());
        }
        return null;
      });
      if (tables.count() > tablesBefore && disk.totalBytes() > MAX_LOG_AFTER_FLUSH) {
        throw Because.of(REPLAY, fail(what + " flushed the memtable to table "
            + (tables.count() - 1) + ", but afterwards the disk still holds "
            + disk.totalBytes() + " bytes " + disk.sizes() + ". Once a table holds the log's"
            + " records, delete (or empty) the log files: the brief allows at most "
            + MAX_LOG_AFTER_FLUSH + " bytes after a flush, or the log grows without end."));
      }
      if (disk.changes() == changes) {
        throw Because.of(LOG, fail(what + " returned without appending anything to the commit"
            + " log: every write goes to the log before it returns, or a crash loses it even"
            + " after a sync()."));
      }
      if (exact) {
        model(cell);
        checkTables(what);
      } else {
        checkTableShapes(what);
      }
    }

    void sync() {
      story.add("sync()");
      call("sync()", LOG, () -> {
        engine.sync();
        return null;
      });
      if (writesSinceSync > 0 && !disk.pending().isEmpty()) {
        throw Because.of(LOG, fail("sync() returned, but " + disk.pending().size()
            + " change(s) to the disk were still unsynced (" + disk.describePending() + ")."
            + " sync() makes every write so far durable: disk.fsync()."));
      }
      acked = made.size();
      writesSinceSync = 0;
      if (worlds != null) {
        List<World> synced = new ArrayList<>();
        for (World w : worlds) {
          synced.add(new World(w.writes, w.writes.size()));
        }
        worlds = synced;
      }
    }

    void cutNow() {
      disk.cutNow();
    }

    void crash(int whole, int keep, boolean zeros) {
      String cut = disk.describeCut();
      String unsynced = disk.describePending();
      String what = disk.crash(whole, keep, zeros);
      story.add("POWER CUT" + (cut == null ? "" : " at call " + cut) + "; "
          + (unsynced.isEmpty() ? "" : "left unsynced: " + unsynced + "; ") + what);
      engine = null;
      exact = false;
      writesSinceSync = 0;
      if (worlds == null) {
        worlds = new ArrayList<>(List.of(new World(new ArrayList<>(made), acked)));
      }
    }

    /** The engine's answer for {@code key}, checked against the model when it is exact. */
    String get(String key) {
      tables.startGet();
      String what = "get(" + quote(key) + ")";
      String got = call(what, TS, () -> engine.get(key));
      Map<Integer, Integer> reads = tables.endGet();
      for (Map.Entry<Integer, Integer> e : reads.entrySet()) {
        if (e.getValue() > 1) {
          throw Because.of(BLOOM, fail(what + " read table " + e.getKey() + " "
              + e.getValue() + " times; each get reads a table at most once."));
        }
      }
      for (int id = 0; id < tables.count(); id++) {
        if (!tables.holds(id, key)) {
          pairs++;
          if (reads.containsKey(id)) {
            falseReads++;
          }
        }
      }
      if (exact) {
        CassandraCell want = winner(made, made.size(), key);
        String expected = want == null || want.isTombstone() ? null : want.value();
        if (!Objects.equals(expected, got)) {
          throw wrongValue(what, key, expected, got, want, reads);
        }
      } else if (worlds != null) {
        List<World> left = new ArrayList<>();
        for (World w : worlds) {
          if (Objects.equals(valueOf(winner(w.writes, w.writes.size(), key)), got)) {
            left.add(w);
          }
        }
        if (left.isEmpty()) {
          throw noHistory(what, key, got);
        }
        worlds = left;
      }
      return got;
    }

    void checkAll() {
      for (String key : keys) {
        get(key);
      }
    }

    void checkSome(SplittableRandom rnd, int count) {
      List<String> all = new ArrayList<>(keys);
      for (int i = 0; i < count; i++) {
        get(all.get(rnd.nextInt(all.size())));
      }
    }

    void checkFalsePositives() {
      if (pairs > 0 && falseReads > MAX_FALSE_POSITIVES * pairs) {
        throw Because.of(BLOOM, fail(String.format(java.util.Locale.ROOT, "Over this run's gets"
            + " the engine read %,d of the %,d (get, table) pairs where the table lacks the key"
            + " (%.1f%%). A Bloom filter sized for 1%% false positives reads about 1%% of them;"
            + " the suite allows %.0f%%. Build one filter per table over its keys only, sized"
            + " for its n, keep it with the table (tables.filter(id) after a restart), and read"
            + " a table only when its filter says maybe.", falseReads, pairs,
            100.0 * falseReads / pairs, 100 * MAX_FALSE_POSITIVES)));
      }
    }

    // --- the exact model -----------------------------------------------------------------

    private void model(CassandraCell cell) {
      mem.put(cell.key(), newer(mem.get(cell.key()), cell));
      sinceFlush.add(cell);
      if (mem.size() >= limit) {
        expectedTables.add(new ArrayList<>(mem.values()));
        mem.clear();
        sinceFlush.clear();
      }
    }

    private void checkTables(String what) {
      if (tables.count() != expectedTables.size()) {
        int extra = tables.count() - expectedTables.size();
        boolean tombstones = false;
        List<CassandraCell> pendingCells = new ArrayList<>(mem.values());
        if (extra < 0) {
          pendingCells.addAll(expectedTables.get(expectedTables.size() - 1));
        }
        for (CassandraCell c : pendingCells) {
          tombstones |= c.isTombstone();
        }
        String hint = extra < 0 && tombstones ? TOMB : FLUSH;
        throw Because.of(hint, fail("After " + what + " there are " + tables.count()
            + " tables; the model has " + expectedTables.size() + " (memtable limit " + limit
            + ", the model's memtable now holds " + mem.size() + " key(s): " + mem.keySet()
            + "). " + (extra > 0 ? "The engine flushed too early or too often."
                : "The engine did not flush when its memtable reached the limit."
                    + (hint.equals(TOMB) ? " Tombstones are cells: a delete keeps its tombstone"
                        + " in the memtable, where it counts towards the limit." : ""))
            + " A write that makes the memtable hold memtableLimit keys flushes it before it"
            + " returns, and nothing else flushes."));
      }
      for (; tablesChecked < tables.count(); tablesChecked++) {
        List<CassandraCell> want = expectedTables.get(tablesChecked);
        List<CassandraCell> got = tables.cells.get(tablesChecked);
        if (!want.equals(got)) {
          throw Because.of(tableHint(want, got), fail("Table " + tablesChecked + " (written by "
              + what + ") holds " + describe(got) + "; the model's memtable at that flush held "
              + describe(want) + ". " + tableAdvice(want, got)
              + (what.equals("recover()") ? " recover() replays the log records in the order"
                  + " they were written, file after file (names that sort as strings put log-10"
                  + " before log-9), under the new limit." : "")));
        }
      }
      checkTableShapes(what);
    }

    /** Sorted, one cell per key, exactly the limit of the engine that wrote it. */
    private void checkTableShapes(String what) {
      for (int id = tables.shapesChecked; id < tables.count(); id++) {
        List<CassandraCell> got = tables.cells.get(id);
        int lim = tables.limits.get(id);
        for (int i = 1; i < got.size(); i++) {
          if (got.get(i - 1).key().compareTo(got.get(i).key()) >= 0) {
            throw Because.of(FLUSH, fail("Table " + id + " (written during " + what + ") is not"
                + " sorted by key with one cell per key: " + describe(got) + ". A flush writes"
                + " the memtable's cells in key order (a TreeMap keeps them so)."));
          }
        }
        if (got.size() != lim) {
          throw Because.of(FLUSH, fail("Table " + id + " (written during " + what + ") holds "
              + got.size() + " cell(s), but the memtable limit was " + lim + ": " + describe(got)
              + ". The memtable flushes when it reaches the limit, so every table holds exactly"
              + " that many keys; empty the memtable after a flush."));
        }
        for (CassandraCell c : got) {
          Integer earlier = tables.firstTableOf.get(c);
          if (earlier != null && issued.getOrDefault(c, 0) == 1) {
            throw Because.of(REPLAY, fail("Table " + id + " (written during " + what + ") holds "
                + describe(c) + ", which table " + earlier + " already holds: the same write"
                + " flushed twice. Replay only the log records no table covers: keep a sequence"
                + " number in each record and the last one a table holds in its logPosition,"
                + " and number new records on from the largest you know."));
          }
        }
        for (CassandraCell c : got) {
          tables.firstTableOf.put(c, id);
        }
        tables.shapesChecked = id + 1;
      }
    }

    private boolean inSomeTable(CassandraCell c) {
      for (List<CassandraCell> t : tables.cells) {
        if (t.contains(c)) {
          return true;
        }
      }
      return false;
    }

    // --- after a crash ---------------------------------------------------------------------

    /**
     * After a crash each candidate history keeps a prefix of its writes, at least the acknowledged
     * ones; then every key is read, and the answers rule candidates out.
     */
    private void resolveSurvivors() {
      List<World> next = new ArrayList<>();
      Set<List<CassandraCell>> seen = new HashSet<>();
      for (World w : worlds) {
        for (int m = w.writes.size(); m >= w.acked; m--) {
          List<CassandraCell> prefix = new ArrayList<>(w.writes.subList(0, m));
          if (seen.add(prefix)) {
            next.add(new World(prefix, m));
          }
        }
      }
      worlds = next;
      for (String key : keys) {
        get(key);
      }
    }

    /** No candidate history explains {@code got}: explain it against the longest one. */
    private AssertionError noHistory(String what, String key, String got) {
      World w = worlds.get(0);
      for (World x : worlds) {
        if (x.writes.size() > w.writes.size()) {
          w = x;
        }
      }
      CassandraCell want = winner(w.writes, w.acked, key);
      String expected = valueOf(want);
      boolean everSeen = false;
      for (CassandraCell c : made) {
        everSeen |= c.key().equals(key) && !c.isTombstone() && c.value().equals(got);
      }
      String why;
      String hint;
      if (Objects.equals(expected, got)) {
        why = "That answer fits the acknowledged writes, but not together with the earlier"
            + " answers: some write survived while an earlier one was lost, or a write came"
            + " back after the engine had lost it.";
        hint = tables.count() > 0 ? REPLAY : LOG;
      } else if (got != null && everSeen && want != null && want.isTombstone()) {
        why = "The acknowledged " + describe(want) + " deleted it: a deleted value came back."
            + " A tombstone is a log record and a table cell like any write, and replay must"
            + " apply it.";
        hint = tables.count() > 0 ? REPLAY : TOMB;
      } else if (got == null || everSeen) {
        why = "An acknowledged write was lost (or an older one won).";
        hint = tables.count() > 0 ? REPLAY : LOG;
      } else {
        why = "That value was never written to this key.";
        hint = LOG;
      }
      return Because.of(hint, fail(what + " returned " + quote(got) + ", but after the"
          + " crash(es) the acknowledged writes (" + w.acked + " of the " + made.size() + " made,"
          + " counting only those that survived earlier crashes) give " + quote(expected)
          + ", and no choice of surviving unacknowledged writes (a prefix of them, in order)"
          + " gives " + quote(got) + ". " + why + " " + advice(hint)));
    }

    // --- messages ----------------------------------------------------------------------------

    private AssertionError wrongValue(String what, String key, String expected, String got,
        CassandraCell want, Map<Integer, Integer> reads) {
      List<CassandraCell> cellsOfKey = new ArrayList<>();
      for (CassandraCell c : made) {
        if (c.key().equals(key)) {
          cellsOfKey.add(c);
        }
      }
      CassandraCell gotCell = null;
      for (CassandraCell c : cellsOfKey) {
        if (!c.isTombstone() && c.value().equals(got)) {
          gotCell = c;
        }
      }
      String hint;
      String why;
      boolean tombstones = cellsOfKey.stream().anyMatch(CassandraCell::isTombstone);
      if (want != null && want.isTombstone() && got != null) {
        hint = TOMB;
        why = "The winning cell is the tombstone " + describe(want) + ": the key is deleted.";
      } else if (got == null && tombstones && want != null) {
        hint = TOMB;
        why = "A tombstone hid " + describe(want) + ", but only cells older than a tombstone"
            + " (or equal, for a tie) are deleted.";
      } else if (gotCell != null && want != null && gotCell.timestamp() == want.timestamp()) {
        hint = TS;
        why = "Both have timestamp " + want.timestamp() + ": on a tie the greater value (by"
            + " String.compareTo) wins.";
      } else if (gotCell != null) {
        hint = TS;
        why = describe(gotCell) + " is older than " + describe(want) + ". The newest timestamp"
            + " wins, not the newest write or the newest table: read the memtable and every"
            + " table that may hold the key, and keep the winning cell.";
      } else if (want != null && !inSomeTable(want)) {
        hint = lives > 1 ? REPLAY : LOG;
        why = describe(want) + " is in no table, so it must come from the memtable"
            + (lives > 1 ? ", rebuilt at the last restart from the log records that no table"
                + " covers. The restart lost it: replay every record numbered after the largest"
                + " logPosition (and number new records after every number a table covers), and"
                + " never delete log files during recover()." : ".");
      } else {
        List<Integer> holders = new ArrayList<>();
        for (int id = 0; id < tables.count(); id++) {
          if (tables.holds(id, key)) {
            holders.add(id);
          }
        }
        hint = BLOOM;
        why = "Tables holding " + quote(key) + ": " + holders + "; tables read: " + reads.keySet()
            + ". A Bloom filter never says no for a key of its table, and every table whose"
            + " filter says maybe must be read.";
      }
      return Because.of(hint, fail(what + " returned " + quote(got) + "; the model says "
          + quote(expected) + ". Cells written to " + quote(key) + ", in order: "
          + describe(cellsOfKey) + ". " + why));
    }

    String fail(String message) {
      List<String> tail = story.size() > 40 ? story.subList(story.size() - 40, story.size())
          : story;
      return scenario + ": " + message + "\nThe run" + (story.size() > 40 ? " (last 40 steps of "
          + story.size() + ")" : "") + ":\n  " + String.join("\n  ", tail);
    }

    /** Runs learner code; a PowerCut passes through, anything else is reported with the run. */
    <T> T call(String what, String hint, Supplier<T> body) {
      try {
        return body.get();
      } catch (PowerCut cut) {
        throw cut;
      } catch (RuntimeException | StackOverflowError e) {
        throw Because.of(hint, fail(what + " threw " + e + "."), e);
      }
    }
  }

  /** A candidate history after crashes: the writes that survived, and how many are durable. */
  record World(List<CassandraCell> writes, int acked) {}

  static String valueOf(CassandraCell c) {
    return c == null || c.isTombstone() ? null : c.value();
  }

  private static String tableHint(List<CassandraCell> want, List<CassandraCell> got) {
    Map<String, CassandraCell> w = new TreeMap<>();
    want.forEach(c -> w.put(c.key(), c));
    Map<String, CassandraCell> g = new TreeMap<>();
    got.forEach(c -> g.put(c.key(), c));
    for (CassandraCell c : want) {
      if (c.isTombstone() && !c.equals(g.get(c.key()))) {
        return TOMB;
      }
    }
    if (w.keySet().equals(g.keySet())) {
      return TS;
    }
    return FLUSH;
  }

  private static String tableAdvice(List<CassandraCell> want, List<CassandraCell> got) {
    return switch (tableHint(want, got)) {
      case TOMB -> "A delete is a write: the memtable keeps the tombstone, and a flush writes it"
          + " like any cell.";
      case TS -> "The memtable keeps the winning cell of each key (newest timestamp; on a tie a"
          + " tombstone, then the greater value), not the last one written.";
      default -> "A flush writes exactly the memtable's cells, sorted by key, one per key, and"
          + " then empties the memtable.";
    };
  }

  private static String advice(String hint) {
    return switch (hint) {
      case REPLAY -> "Flushes and replay: write the table before deleting any log file, keep a"
          + " sequence number in each record and the last one a table covers in logPosition,"
          + " replay every later intact record (deletes too), number on from the largest you"
          + " know, and never delete a log file whose records are not all in tables (a flush"
          + " during recover() is one).";
      case TOMB -> "Replay must apply tombstones too.";
      default -> "Frame each record (length, CRC32C), fsync in sync(), read each log file's"
          + " intact records from its start, and never append after a torn tail (use a new"
          + " file, or rewrite the intact prefix and fsync it before recover() returns).";
    };
  }

  // ---------------------------------------------------------------------------------------------
  // The model's rules

  /** The winning cell: the newer timestamp; on a tie a tombstone, then the greater value. */
  static CassandraCell newer(CassandraCell a, CassandraCell b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.timestamp() != b.timestamp()) {
      return a.timestamp() > b.timestamp() ? a : b;
    }
    if (a.isTombstone() != b.isTombstone()) {
      return a.isTombstone() ? a : b;
    }
    if (a.isTombstone()) {
      return a;
    }
    return a.value().compareTo(b.value()) >= 0 ? a : b;
  }

  /** The winning cell of {@code key} among the first {@code m} writes. */
  static CassandraCell winner(List<CassandraCell> writes, int m, String key) {
    CassandraCell best = null;
    for (int i = 0; i < m; i++) {
      CassandraCell c = writes.get(i);
      if (c.key().equals(key)) {
        best = newer(best, c);
      }
    }
    return best;
  }

  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    String shown = s.length() > 40 ? s.substring(0, 37) + "..." : s;
    return "\"" + shown + "\"";
  }

  static String describe(CassandraCell c) {
    return c.key() + (c.isTombstone() ? " tombstone@" + c.timestamp()
        : "=" + quote(c.value()) + "@" + c.timestamp());
  }

  static String describe(List<CassandraCell> cells) {
    List<String> out = new ArrayList<>();
    for (CassandraCell c : cells) {
      out.add(describe(c));
    }
    return out.size() > 30 ? "[" + String.join(", ", out.subList(0, 30)) + ", ... ("
        + out.size() + " cells)]" : out.toString();
  }

  private static String randomKey(SplittableRandom rnd, int keys) {
    return rnd.nextBoolean() ? "k" + rnd.nextInt(keys) : "key-" + Long.toHexString(rnd.nextLong());
  }

  private static String randomValue(SplittableRandom rnd) {
    int len = rnd.nextInt(12);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < len; i++) {
      b.append((char) (rnd.nextInt(4) == 0 ? 0x3b1 + rnd.nextInt(20) : 'a' + rnd.nextInt(26)));
    }
    return b.toString();
  }

  // =============================================================================================
  // The tables

  /** The tables: written whole and durable at once; reads counted per get. */
  static final class Tables implements CassandraSSTables {
    private final CrashDisk power;
    final List<List<CassandraCell>> cells = new ArrayList<>();
    final List<Map<String, CassandraCell>> byKey = new ArrayList<>();
    final List<byte[]> filters = new ArrayList<>();
    final List<Long> positions = new ArrayList<>();
    final List<Integer> limits = new ArrayList<>();
    final Map<CassandraCell, Integer> firstTableOf = new HashMap<>();
    int shapesChecked;
    int limit;
    private Map<Integer, Integer> reads;

    Tables(CrashDisk power) {
      this.power = power;
    }

    @Override
    public int write(List<CassandraCell> table, byte[] filter, long logPosition) {
      if (table == null || filter == null) {
        throw new NullPointerException("tables.write: cells and filter must not be null");
      }
      power.otherCall("tables.write(" + table.size() + " cells)");
      List<CassandraCell> copy = List.copyOf(table);
      Map<String, CassandraCell> index = new HashMap<>();
      for (CassandraCell c : copy) {
        index.putIfAbsent(c.key(), c);
      }
      cells.add(copy);
      byKey.add(index);
      filters.add(filter.clone());
      positions.add(logPosition);
      limits.add(limit);
      return cells.size() - 1;
    }

    @Override
    public List<Integer> ids() {
      List<Integer> ids = new ArrayList<>();
      for (int i = 0; i < cells.size(); i++) {
        ids.add(i);
      }
      return ids;
    }

    @Override
    public byte[] filter(int id) {
      check(id);
      return filters.get(id).clone();
    }

    @Override
    public long logPosition(int id) {
      check(id);
      return positions.get(id);
    }

    @Override
    public CassandraCell read(int id, String key) {
      check(id);
      if (reads != null) {
        reads.merge(id, 1, Integer::sum);
      }
      return byKey.get(id).get(key);
    }

    private void check(int id) {
      if (id < 0 || id >= cells.size()) {
        throw new IllegalArgumentException("no table " + id + "; the ids are " + ids());
      }
    }

    int count() {
      return cells.size();
    }

    boolean holds(int id, String key) {
      return byKey.get(id).containsKey(key);
    }

    void startGet() {
      reads = new TreeMap<>();
    }

    Map<Integer, Integer> endGet() {
      Map<Integer, Integer> r = reads;
      reads = null;
      return r;
    }
  }
}
