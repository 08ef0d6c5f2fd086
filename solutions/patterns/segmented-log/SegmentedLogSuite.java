import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import dstutor.kit.Disk;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for the segmented-log exercise. The learner's log runs over an in-memory disk of
 * the suite's own ({@link MemDisk}), which counts the bytes read from {@code .log} files and the
 * writes not yet fsynced, beside a model of the brief ({@link Model}): the segments with their
 * base offsets, sizes and records, the roll rule and Kafka's {@code retention.bytes} rule. Every
 * expected value in a message comes from the model, never from an earlier answer of the learner's
 * log. Nothing here is statistical: record contents come from fixed seeds, so a correct log
 * passes every run, and a sweep's failure replays with its seed.
 *
 * <p>The files are compared with the model after every append (cheaply: the number and total size
 * of the .log files and the active segment's size, and in full when those differ), and in full,
 * contents included, after each scenario, each retention and each opening. A failure names the
 * rung of the ladder about its cause: a wrong file after an append is about the roll rule, after
 * a rejected record about the size check, after retention about retention, after opening again
 * about recovery; a wrong record read from the right segment is about the index, from another
 * segment about finding the segment.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class SegmentedLogSuite {
  // The rungs of the hint ladder (exercise.yaml).
  private static final String FIND = "offsets-and-segments";
  private static final String ROLL = "roll-before-overflow";
  private static final String RANGE = "out-of-range";
  private static final String RETAIN = "whole-segment-retention";
  private static final String OPEN = "recover-on-open";
  private static final String INDEX = "sparse-index";
  private static final String COPY = "own-your-bytes";
  private static final String ARGS = "arguments";

  private static final int HEADER = 4;
  private static final Pattern SEGMENT_FILE = Pattern.compile("(\\d{20})\\.(.+)");

  @Test
  @Order(1)
  @DisplayName("offsets count from 0 and every record reads back at its offset, across segments")
  @Hint(FIND)
  void recordsReadBackAcrossSegments() {
    // Plain sizes: 0 to 60 bytes in turn, in segments of 64 bytes (a record of 60 fills one).
    Run plain = new Run("log", 64, 16, 1);
    for (int i = 0; i < 400; i++) {
      long offset = plain.append(i % 61);
      plain.checkRead(offset);
    }
    plain.readAll(false);
    plain.readAll(true);

    // Thousands of records of random sizes, some empty and some exactly as large as a segment.
    Run random = new Run("log", 512, 64, 2);
    SplittableRandom rnd = new SplittableRandom(11);
    for (int i = 0; i < 2_000; i++) {
      int r = rnd.nextInt(20);
      int len = r == 0 ? 0 : r == 1 ? 508 : rnd.nextInt(200);
      random.append(len);
    }
    random.readShuffled(new SplittableRandom(12));
  }

  @Test
  @Order(2)
  @DisplayName("a segment rolls before the record that would overflow it: the files match the"
      + " model after every append")
  @Hint(ROLL)
  void segmentsRollBeforeTheRecordThatWouldOverflow() {
    // The brief's example.
    Run example = new Run("log", 100, 4_096, 3);
    for (int len : new int[] {30, 60, 0, 96, 97, 5}) {
      example.append(len);
    }
    example.checkFiles(ROLL, "after the brief's example");
    example.readAll(false);

    // The smallest segments: 4 bytes hold one empty record each.
    Run tiny = new Run("log", 4, 1, 4);
    for (int i = 0; i < 30; i++) {
      tiny.append(i % 7 == 6 ? 1 : 0);
    }
    tiny.checkFiles(ROLL, "after 30 appends");
    tiny.readAll(false);

    // Records that fill a segment exactly, alone or with others, and the empty record after them.
    Run exact = new Run("log", 20, 8, 5);
    for (int len : new int[] {16, 0, 6, 6, 16, 0, 0, 0, 0, 0, 12, 0, 16, 16, 2, 2, 2, 0, 4, 17}) {
      exact.append(len);
    }
    exact.checkFiles(ROLL, "after 20 appends");
    exact.readAll(false);

    Seeds.forEach(12, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      int segmentBytes = seed == 1 ? 5 : seed == 2 ? 8 : 9 + rnd.nextInt(400);
      int interval = seed % 4 == 0 ? 1 : 1 + rnd.nextInt(300);
      Run run = new Run("log", segmentBytes, interval, 100 + seed);
      int count = 150 + rnd.nextInt(400);
      for (int i = 0; i < count; i++) {
        run.append(randomLength(rnd, run.model));
      }
      run.checkFiles(ROLL, "after " + count + " appends");
      run.readAll(false);
    });
  }

  @Test
  @Order(3)
  @DisplayName("a record too large for a segment is rejected and changes nothing; one that fits"
      + " exactly is not")
  @Hint(ARGS)
  void aRecordTooLargeIsRejected() {
    int[] sizes = {4, 5, 100, 1 << 20};
    for (int segmentBytes : sizes) {
      Run run = new Run("log", segmentBytes, 64, 6);
      int max = segmentBytes - HEADER;
      run.append(max);          // fits an empty segment exactly
      run.append(max + 1);      // never fits
      run.append(0);            // rolls: the first segment is full
      run.append(max + 1);      // rejected while the active segment has room
      run.append(0);            // beside the other empty record, where there is room
      run.append(Math.max(0, max - 8)); // fills the segment exactly where max >= 8
      run.append(max + 1_000);
      run.append(0);
      run.append(max);
      run.checkFiles(ARGS, "after appends of too-large records");
      run.readAll(false);
    }
  }

  @Test
  @Order(4)
  @DisplayName("a read before the start or at or past the end throws LogOffsetOutOfRangeException"
      + " with the log's range")
  @Hint(RANGE)
  void readsOutsideTheLogAreErrors() {
    Run empty = new Run("log", 100, 16, 7);
    for (long offset : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
      empty.expectOutOfRange(offset);
    }
    Run run = new Run("log", 100, 16, 8);
    for (int i = 0; i < 10; i++) {
      run.append(46); // 50 bytes each: two records a segment
    }
    for (long offset : new long[] {10, 11, -1, 1_000, Long.MAX_VALUE, Long.MIN_VALUE}) {
      run.expectOutOfRange(offset);
    }
    run.retain(0); // keeps only the active segment, 8 and 9
    for (long offset : new long[] {7, 0, 1, 6, -1, 10}) {
      run.expectOutOfRange(offset);
    }
    run.checkRead(8);
    run.checkRead(9);
    run.append(0);
    run.expectOutOfRange(11);
    run.expectOutOfRange(7);
    run.checkRead(10);
  }

  @Test
  @Order(5)
  @DisplayName("retention deletes whole old segments only, never the active one, and moves the"
      + " start offset")
  @Hint(RETAIN)
  void retentionDeletesWholeOldSegments() {
    // The brief's example.
    Run example = new Run("log", 100, 4_096, 9);
    for (int len : new int[] {30, 60, 0, 96, 97, 5}) {
      example.append(len);
    }
    example.retain(100);
    example.expectOutOfRange(1);
    example.expectOutOfRange(5);
    example.retain(0);
    example.retain(0);

    // Twenty full segments of 100 bytes, two records each; the boundaries exactly.
    Run full = new Run("log", 100, 16, 10);
    for (int i = 0; i < 40; i++) {
      full.append(46);
    }
    for (long bytes : new long[] {2_001, 2_000, 1_999, 1_901, 1_900, 1_000, 999, 150, 100, 99, 0,
        0}) {
      full.retain(bytes);
    }
    full.append(46); // rolls: the active segment was full
    full.retain(50);
    full.retain(0);
    full.readAll(false);

    Seeds.forEach(10, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      Run run = new Run("log", 20 + rnd.nextInt(300), 1 + rnd.nextInt(100), 200 + seed);
      int count = 200 + rnd.nextInt(400);
      for (int i = 0; i < count; i++) {
        run.append(randomLength(rnd, run.model));
        if (rnd.nextInt(40) == 0) {
          run.retain(retentionFor(rnd, run.model));
        }
      }
      run.retain(retentionFor(rnd, run.model));
      run.readAll(false);
    });
  }

  @Test
  @Order(6)
  @DisplayName("a closed log opened again keeps its offsets, reads every record and continues its"
      + " newest segment")
  @Hint(OPEN)
  void aReopenedLogContinues() {
    // The brief's example, closed and opened after each step.
    Run example = new Run("log", 100, 4_096, 11);
    example.reopen();
    for (int len : new int[] {30, 60, 0, 96, 97, 5}) {
      example.append(len);
      example.reopen();
    }
    example.readAll(false);
    example.retain(100);
    example.reopen();
    example.reopen();
    example.append(80); // 9 + 84 = 93 <= 100: stays in segment 4
    example.append(3);  // 93 + 7 = 100: still fits, exactly
    example.reopen();
    example.append(0);  // rolls
    example.retain(0);
    example.reopen();
    example.readAll(false);

    Seeds.forEach(6, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      Run run = new Run("log", 16 + rnd.nextInt(400), 1 + rnd.nextInt(200), 300 + seed);
      int count = 200 + rnd.nextInt(300);
      for (int i = 0; i < count; i++) {
        run.append(randomLength(rnd, run.model));
        int r = rnd.nextInt(60);
        if (r == 0) {
          run.retain(retentionFor(rnd, run.model));
        } else if (r < 3) {
          run.reopen();
        } else if (r < 6 && run.model.end() > run.model.start()) {
          run.checkRead(run.model.start() + rnd.nextLong(run.model.end() - run.model.start()));
        }
      }
      run.reopen();
      run.readAll(false);
    });
  }

  @Test
  @Order(7)
  @DisplayName("reads use the index: a read in a 1 MiB segment reads at most"
      + " 2 × indexIntervalBytes + 2 × (4 + M) bytes")
  @Hint(INDEX)
  void readsUseTheIndex() {
    int segmentBytes = 1 << 20;
    int interval = 4_096;
    Run run = new Run("log", segmentBytes, interval, 12);
    SplittableRandom rnd = new SplittableRandom(13);
    // A full first segment, and an active one over 400 KiB: about 28,000 records of 0 to 96 bytes.
    while (run.model.segments.size() < 2 || run.model.active()[0] < 400 * 1_024) {
      run.append(rnd.nextInt(97));
    }
    run.costlyReadsCheck(new SplittableRandom(14), 120);
    run.reopen();
    run.costlyReadsCheck(new SplittableRandom(15), 120);
    // A dense index is allowed too; and the smallest interval works.
    Run dense = new Run("log", 64 * 1_024, 1, 16);
    for (int i = 0; i < 2_000; i++) {
      dense.append(rnd.nextInt(97));
    }
    dense.costlyReadsCheck(new SplittableRandom(17), 60);
  }

  @Test
  @Order(8)
  @DisplayName("the log keeps its own bytes: changing an appended array or a returned one changes"
      + " nothing, and two logs share nothing")
  @Hint(COPY)
  void theLogKeepsItsOwnBytes() {
    Run run = new Run("log", 100, 8, 18);
    run.hint = COPY;
    for (int i = 0; i < 30; i++) {
      byte[] mine = run.recordOf(1 + i % 40);
      byte[] kept = mine.clone();
      long offset = run.appendBytes(mine);
      Arrays.fill(mine, (byte) 0x5A); // the caller reuses its buffer
      run.checkReadAs(offset, kept, "after the caller changed the array it passed to"
          + " append(" + bytes(kept.length) + ") as offset " + offset + " (filled it with 0x5A)");
      byte[] got = run.read(offset);
      Arrays.fill(got, (byte) 0x3C);
      run.checkReadAs(offset, kept, "after the caller changed the array read(" + offset
          + ") returned (filled it with 0x3C)");
      if (i > 0) {
        run.checkReadAs(offset - 1, run.model.record(offset - 1), "after two appends");
      }
    }

    // Two logs at once, with different settings, on two disks.
    Run a = new Run("log a", 40, 8, 19);
    Run b = new Run("log b", 400, 100, 20);
    a.hint = COPY;
    b.hint = COPY;
    a.others = "while log b (new SegmentedLog(disk b, 400, 100)) was open too";
    b.others = "while log a (new SegmentedLog(disk a, 40, 8)) was open too";
    SplittableRandom rnd = new SplittableRandom(21);
    for (int i = 0; i < 300; i++) {
      a.append(rnd.nextInt(37));
      b.append(rnd.nextInt(397));
    }
    a.checkFiles(COPY, "after 300 appends to each log");
    b.checkFiles(COPY, "after 300 appends to each log");
    a.readAll(false);
    b.readAll(false);
  }

  @Test
  @Order(9)
  @DisplayName("bad settings are rejected before anything is written; the smallest and largest"
      + " valid ones work")
  @Hint(ARGS)
  void argumentsAreChecked() {
    int[][] bad = {{3, 1}, {0, 1}, {-1, 1}, {Integer.MIN_VALUE, 1}, {100, 0}, {100, -1},
        {100, Integer.MIN_VALUE}};
    for (int[] args : bad) {
      MemDisk disk = new MemDisk();
      String call = "new SegmentedLog(disk, " + args[0] + ", " + args[1] + ")";
      String why = args[0] < HEADER
          ? "a segment must hold at least an empty record, 4 bytes"
          : "indexIntervalBytes must be at least 1";
      try {
        new SegmentedLog(disk, args[0], args[1]);
        throw Because.of(ARGS, call + " returned a log; expected IllegalArgumentException: "
            + why + ".");
      } catch (IllegalArgumentException expected) {
        if (!disk.files().isEmpty()) {
          throw Because.of(ARGS, call + " threw IllegalArgumentException, but first created "
              + disk.files() + ": check the arguments before touching the disk.");
        }
      } catch (RuntimeException e) {
        if (isTodo(e)) {
          throw e;
        }
        throw Because.of(ARGS, call + " threw " + e.getClass().getSimpleName() + where(e)
            + "; expected IllegalArgumentException: " + why + ".", e);
      }
    }
    Run run = new Run("log", 100, 16, 22);
    for (int i = 0; i < 6; i++) {
      run.append(46);
    }
    for (long bytes : new long[] {-1, Long.MIN_VALUE}) {
      run.expectRetentionRejected(bytes);
    }
    // The smallest valid settings, and Kafka's, and the largest segment an int allows.
    Run smallest = new Run("log", 4, 1, 23);
    for (int i = 0; i < 5; i++) {
      smallest.append(0);
    }
    smallest.append(1);
    smallest.checkFiles(ARGS, "after 5 empty records and one of 1 byte");
    smallest.readAll(false);
    for (int segmentBytes : new int[] {1 << 30, Integer.MAX_VALUE}) {
      Run big = new Run("log", segmentBytes, 4_096, 24);
      for (int i = 0; i < 50; i++) {
        big.append(i * 10);
      }
      big.checkFiles(ARGS, "after 50 appends");
      big.readAll(false);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Random choices

  /**
   * A record length for the sweeps: empty, exactly a segment, exactly what the active segment has
   * left, too large for any segment, or anything that fits.
   */
  private static int randomLength(SplittableRandom rnd, Model model) {
    int max = model.segmentBytes - HEADER;
    int r = rnd.nextInt(20);
    if (r == 0) {
      return 0;
    } else if (r == 1) {
      return max;
    } else if (r == 2) {
      long left = model.segmentBytes - model.active()[0] - HEADER;
      return left >= 0 ? (int) left : max;
    } else if (r == 3) {
      return max + 1 + rnd.nextInt(10);
    } else if (r < 10) {
      return rnd.nextInt(Math.min(max, 40) + 1);
    }
    return rnd.nextInt(max + 1);
  }

  /** A retention size: 0, the whole log, the exact boundaries of the oldest segment, or any. */
  private static long retentionFor(SplittableRandom rnd, Model model) {
    long total = model.total;
    long oldest = model.segments.firstEntry().getValue()[0];
    switch (rnd.nextInt(6)) {
      case 0:
        return 0;
      case 1:
        return total;
      case 2:
        return total - oldest;       // the oldest goes (>=)
      case 3:
        return total - oldest + 1;   // the oldest stays
      default:
        return rnd.nextLong(total + total / 5 + 1);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The model of the brief

  /** The log as the brief defines it: segments by base offset, every record ever appended. */
  static final class Model {
    final int segmentBytes;
    /** Every record appended, by offset (records deleted by retention included). */
    final List<byte[]> records = new ArrayList<>();
    /** base offset -> {size, record count}. */
    final TreeMap<Long, long[]> segments = new TreeMap<>();
    long total;
    // The last append's decision, for messages: where it went, what that segment held before,
    // what the record takes, whether the log rolled.
    private long lastBase;
    private long lastHeld;
    private long lastStored;
    private boolean lastRolled;

    Model(int segmentBytes) {
      this.segmentBytes = segmentBytes;
      segments.put(0L, new long[2]);
    }

    long start() {
      return segments.firstKey();
    }

    long end() {
      return records.size();
    }

    long[] active() {
      return segments.lastEntry().getValue();
    }

    /** The active segment's file name (kept, as formatting it for every append is slow). */
    String activeFile() {
      long base = segments.lastKey();
      if (activeFile == null || activeBase != base) {
        activeBase = base;
        activeFile = fileName(base);
      }
      return activeFile;
    }

    private String activeFile;
    private long activeBase;

    boolean fits(int length) {
      return HEADER + (long) length <= segmentBytes;
    }

    byte[] record(long offset) {
      return records.get((int) offset);
    }

    long baseOf(long offset) {
      return segments.floorKey(offset);
    }

    /** Appends a record that fits; returns its offset. */
    long append(byte[] record) {
      long offset = end();
      long stored = HEADER + (long) record.length;
      long base = segments.lastKey();
      long[] active = segments.get(base);
      lastBase = base;
      lastHeld = active[0];
      lastStored = stored;
      lastRolled = active[1] > 0 && active[0] + stored > segmentBytes;
      if (lastRolled) {
        active = new long[2];
        segments.put(offset, active);
      }
      active[0] += stored;
      active[1]++;
      total += stored;
      records.add(record.clone());
      return offset;
    }

    /** Why the last append went where it went. */
    String why() {
      long n = lastStored - HEADER;
      if (lastRolled) {
        return String.format(Locale.ROOT, "The record takes 4 + %d = %d bytes; segment %d held"
            + " %d, and %d + %d = %d > segmentBytes = %d, so the log rolls first: offset %d"
            + " starts the new segment %s.", n, lastStored, lastBase, lastHeld, lastHeld,
            lastStored, lastHeld + lastStored, segmentBytes, end() - 1, fileName(end() - 1));
      } else if (lastHeld == 0) {
        return String.format(Locale.ROOT, "The record takes 4 + %d = %d bytes and segment %d"
            + " (%s) was empty: it goes there, whatever its size.", n, lastStored, lastBase,
            fileName(lastBase));
      }
      return String.format(Locale.ROOT, "The record takes 4 + %d = %d bytes; segment %d held"
          + " %d, and %d + %d = %d <= segmentBytes = %d, so it goes there: no roll.", n,
          lastStored, lastBase, lastHeld, lastHeld, lastStored, lastHeld + lastStored,
          segmentBytes);
    }

    /** Kafka's retention.bytes rule; returns the number of segments deleted. */
    int retain(long retentionBytes) {
      int deleted = 0;
      while (segments.size() > 1 && total - segments.firstEntry().getValue()[0]
          >= retentionBytes) {
        total -= segments.pollFirstEntry().getValue()[0];
        deleted++;
      }
      return deleted;
    }

    /** The bytes of segment {@code base}'s file, as the brief's format lays them out. */
    byte[] contents(long base) {
      long[] s = segments.get(base);
      ByteBuffer buf = ByteBuffer.allocate((int) s[0]);
      for (long o = base; o < base + s[1]; o++) {
        byte[] r = record(o);
        buf.putInt(r.length).put(r);
      }
      return buf.array();
    }

    /** The longest record of segment {@code base}. */
    int longest(long base) {
      long[] s = segments.get(base);
      int m = 0;
      for (long o = base; o < base + s[1]; o++) {
        m = Math.max(m, record(o).length);
      }
      return m;
    }

    /** The byte position of {@code offset} in its segment. */
    long position(long offset) {
      long p = 0;
      for (long o = baseOf(offset); o < offset; o++) {
        p += HEADER + record(o).length;
      }
      return p;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // A learner's log beside the model, with the scenario every call happens in

  /**
   * A learner's log, its disk and the model, checked against each other after each step. Each
   * check names the hint rung about its cause: {@link #hint} overrides it for a whole test (two
   * logs at once), and opening the log again turns later differences into recovery ones.
   */
  static final class Run {
    final String name;
    /** Whether the last append was rejected as too large. */
    boolean afterRejection;
    final int segmentBytes;
    final int interval;
    final MemDisk disk = new MemDisk();
    final Model model;
    final SplittableRandom content;
    SegmentedLog log;
    /** The rung for every difference, whatever its cause, or null to choose per cause. */
    String hint;
    /** What else is going on, for messages. */
    String others = "";
    int opens;
    int retentions;
    int rejected;
    /** The steps so far, to replay without reopening: appends, retention calls, reads. */
    private final List<Object> ops = new ArrayList<>();

    Run(String name, int segmentBytes, int interval, long contentSeed) {
      this.name = name;
      this.segmentBytes = segmentBytes;
      this.interval = interval;
      this.model = new Model(segmentBytes);
      this.content = new SplittableRandom(contentSeed);
      log = open("new SegmentedLog(" + diskName() + ", " + segmentBytes + ", " + interval + ")");
      checkFiles(FIND, "right after " + constructor() + " on an empty disk (a new log has the"
          + " empty segment 00000000000000000000.log)");
      checkRange(FIND, "a new log");
    }

    String diskName() {
      return name.equals("log") ? "disk" : "disk " + name.substring(name.length() - 1);
    }

    String constructor() {
      return "new SegmentedLog(" + diskName() + ", " + segmentBytes + ", " + interval + ")";
    }

    /** What has happened to this log so far, to start a message with. */
    String scenario() {
      StringBuilder sb = new StringBuilder(name.equals("log") ? "" : name + " = ");
      sb.append(constructor());
      long end = model.end();
      if (end == 0) {
        sb.append(", nothing appended");
      } else {
        sb.append(String.format(Locale.ROOT, " after %,d append%s (offsets 0 to %d)", end,
            end == 1 ? "" : "s", end - 1));
      }
      if (rejected > 0) {
        sb.append(String.format(Locale.ROOT, ", %d too-large record%s rejected", rejected,
            rejected == 1 ? "" : "s"));
      }
      if (retentions > 0) {
        sb.append(String.format(Locale.ROOT, ", %d retention call%s (start offset %d)",
            retentions, retentions == 1 ? "" : "s", model.start()));
      }
      if (opens > 0) {
        sb.append(String.format(Locale.ROOT, ", closed and opened again %d time%s", opens,
            opens == 1 ? "" : "s"));
      }
      if (!others.isEmpty()) {
        sb.append(", ").append(others);
      }
      return sb.toString();
    }

    /**
     * The failure for a difference whose cause is {@code byCause}: the rung for the whole test if
     * it has one, else {@code byCause}; but on a log that was closed and opened again, the same
     * steps are replayed on a fresh log that is never closed, and if that one passes them, the
     * difference comes from opening again, and the recovery rung is named.
     */
    private Because because(String byCause, String message) {
      return because(byCause, message, null);
    }

    private Because because(String byCause, String message, Throwable cause) {
      if (hint != null) {
        return Because.of(hint, message, cause);
      }
      if (opens == 0 || byCause.equals(RANGE) || failsWithoutReopening()) {
        return Because.of(byCause, message, cause);
      }
      return Because.of(OPEN, message + " A log given the same appends, retention calls and"
          + " reads without being closed and opened again passes them: the difference comes from"
          + " opening it again.", cause);
    }

    /** Whether the steps so far fail on a fresh log that is never closed and opened again. */
    private boolean failsWithoutReopening() {
      Run fresh = new Run(name, segmentBytes, interval, 0);
      fresh.others = others;
      try {
        for (Object op : ops) {
          if (op instanceof byte[] record) {
            fresh.appendBytes(record);
          } else if (op instanceof Long retentionBytes) {
            fresh.retain(retentionBytes);
          } else {
            fresh.checkRead(((long[]) op)[0]);
          }
        }
        return false;
      } catch (AssertionError | RuntimeException e) {
        return true;
      }
    }

    byte[] recordOf(int length) {
      byte[] r = new byte[length];
      content.nextBytes(r);
      return r;
    }

    // -- appends ---------------------------------------------------------------------------------

    long append(int length) {
      return appendBytes(recordOf(length));
    }

    long appendBytes(byte[] record) {
      ops.add(record.clone());
      int length = record.length;
      String call = "append(" + bytes(length) + ")";
      if (!model.fits(length)) {
        Map<String, Integer> before = disk.sizes();
        long got;
        try {
          got = log.append(record);
        } catch (IllegalArgumentException expected) {
          rejected++;
          afterRejection = true;
          if (!disk.sizes().equals(before)) {
            throw because(ARGS, String.format(Locale.ROOT, "%s: %s threw"
                + " IllegalArgumentException, as it should (4 + %d > segmentBytes = %d), but"
                + " first changed the files: before %s, after %s. Check the size before"
                + " anything else.", scenario(), call, length, segmentBytes, before,
                disk.sizes()));
          }
          checkRange(ARGS, "after " + call + " was rejected (a rejected record uses no offset)");
          return -1;
        } catch (RuntimeException e) {
          throw threwFor(call, e, because(ARGS, String.format(Locale.ROOT,
              "%s: %s threw %s%s; expected IllegalArgumentException: 4 + %d = %d >"
                  + " segmentBytes = %d, so the record fits in no segment.", scenario(), call,
              e.getClass().getSimpleName(), where(e), length, HEADER + (long) length,
              segmentBytes), e));
        }
        throw because(ARGS, String.format(Locale.ROOT, "%s: %s returned offset %d;"
            + " expected IllegalArgumentException: 4 + %d = %d > segmentBytes = %d, so the"
            + " record fits in no segment, not even an empty one.", scenario(), call, got,
            length, HEADER + (long) length, segmentBytes));
      }
      long got;
      try {
        got = log.append(record);
      } catch (IllegalArgumentException e) {
        throw threwFor(call, e, because(ARGS, String.format(Locale.ROOT,
            "%s: %s threw IllegalArgumentException%s; expected offset %d: 4 + %d = %d <="
                + " segmentBytes = %d, so the record fits%s.", scenario(), call, where(e),
            model.end(), length, HEADER + (long) length, segmentBytes,
            HEADER + (long) length == segmentBytes ? " an empty segment exactly" : ""), e));
      } catch (RuntimeException e) {
        throw threwFor(call, e, null);
      }
      long expected = model.append(record);
      if (got != expected) {
        String why = rejected > 0 && got == expected + rejected
            ? String.format(Locale.ROOT, " %d too-large record%s rejected earlier; a rejected"
                + " record must not use an offset.", rejected, rejected == 1 ? " was" : "s were")
            : " Offsets are consecutive from 0: the first record is 0, then 1, 2, ...";
        String cause = rejected > 0 && got == expected + rejected ? ARGS : FIND;
        throw because(cause, String.format(Locale.ROOT, "%s: %s returned offset %d;"
            + " expected %d.%s", scenario(), call, got, expected, why));
      }
      if (call("endOffset()", () -> log.endOffset()) != model.end()
          || call("startOffset()", () -> log.startOffset()) != model.start()) {
        checkRange(FIND, "after " + call + " returned " + got);
      }
      checkFilesFast(call, got);
      afterRejection = false;
      return got;
    }

    /** Cheap check after each append; the full comparison when anything looks off. */
    private void checkFilesFast(String call, long offset) {
      long[] active = model.active();
      String activeFile = model.activeFile();
      Integer size = disk.sizeOf(activeFile);
      if (disk.logFiles() == model.segments.size() && disk.logBytes() == model.total
          && size != null && size == active[0]) {
        return;
      }
      String cause = afterRejection ? ARGS : ROLL;
      String rejection = afterRejection
          ? " The append before it was rejected (too large); a rejected record changes nothing,"
              + " so this record goes where it would have gone without it."
          : "";
      checkFiles(cause, "after " + call + " as offset " + offset, model.why() + rejection);
    }

    // -- the files --------------------------------------------------------------------------------

    /**
     * Compares the disk's files with the model's segments: names, sizes and contents. Fails with
     * rung {@code cause} (unless the problem names its own: a file name, a format, a file of a
     * deleted segment). {@code when} says at which step, {@code because} (may be empty) what
     * the model did there; it ends the message.
     */
    void checkFiles(String cause, String when) {
      checkFiles(cause, when, "");
    }

    void checkFiles(String cause, String when, String because) {
      String tail = because.isEmpty() ? "" : " " + because;
      TreeMap<String, byte[]> files = disk.snapshot();
      TreeMap<Long, Integer> logs = new TreeMap<>();
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Matcher m = SEGMENT_FILE.matcher(f.getKey());
        if (!m.matches()) {
          throw because(FIND, String.format(Locale.ROOT, "%s: %s, the disk has the file"
              + " \"%s\". Every file of the log is named after its segment: the base offset in"
              + " 20 digits, zero-padded, a dot, and a suffix (segment 1000 is"
              + " 00000000000000001000.log).%s", scenario(), when, f.getKey(), tail));
        }
        long base = Long.parseLong(m.group(1));
        if (m.group(2).equals("log")) {
          logs.put(base, f.getValue().length);
        } else if (!model.segments.containsKey(base)) {
          boolean deleted = retentions > 0 && base < model.start();
          // A file a deletion left behind is about retention, whenever it shows.
          String text = String.format(Locale.ROOT,
              "%s: %s, the disk has the file %s, but the log has no segment %d%s.%s",
              scenario(), when, f.getKey(), base, deleted ? ": retention deleted it, and"
                  + " deleting a segment deletes all its files" : "", tail);
          throw deleted ? Because.of(RETAIN, text) : because(cause, text);
        }
      }
      TreeMap<Long, Integer> expected = new TreeMap<>();
      model.segments.forEach((b, s) -> expected.put(b, (int) s[0]));
      if (!logs.equals(expected)) {
        Long first = firstDifference(expected, logs);
        boolean deletedLeft = logs.containsKey(first) && !expected.containsKey(first)
            && retentions > 0 && first < model.start();
        String diagnosis = "";
        if (deletedLeft) {
          diagnosis = " Segment " + first + " was deleted by retention: its file must go.";
        } else if (expected.containsKey(first) && logs.containsKey(first)
            && logs.get(first) > segmentBytes) {
          diagnosis = String.format(Locale.ROOT, " Segment %d has %d bytes, more than"
              + " segmentBytes = %d", first, logs.get(first), segmentBytes);
          if (!others.isEmpty()) {
            diagnosis += ": each log rolls by its own segmentBytes; keep settings and state in"
                + " instance fields, never static ones.";
          } else if (opens > 0) {
            diagnosis += ". The log was opened again before: recover the newest segment's size"
                + " from its file, so that the roll rule still holds.";
          } else {
            diagnosis += ": roll before the record that would overflow it, not after.";
          }
        } else if (logs.containsKey(first) && !expected.containsKey(first) && logs.get(first) == 0
            && cause.equals(ROLL)) {
          diagnosis = " An empty segment: the log rolls only when a record does not fit, and"
              + " the new segment starts with that record.";
        }
        String text = String.format(Locale.ROOT, "%s: %s, the segment files"
            + " (name: bytes) are %s; the model has %s.%s%s", scenario(), when,
            listing(logs, first), listing(expected, first), tail, diagnosis);
        throw deletedLeft ? Because.of(RETAIN, text) : because(cause, text);
      }
      for (long base : expected.keySet()) {
        byte[] want = model.contents(base);
        byte[] have = files.get(fileName(base));
        if (!Arrays.equals(want, have)) {
          int at = Arrays.mismatch(want, have);
          throw because(FIND, String.format(Locale.ROOT, "%s: %s, %s has the right size,"
              + " %d bytes, but its bytes differ from the records' from byte %d on: found %s,"
              + " expected %s. A segment file holds its records in offset order, each a 4-byte"
              + " big-endian length, then the record's bytes, and nothing else.%s", scenario(),
              when, fileName(base), want.length, at, hex(have, at), hex(want, at), tail));
        }
      }
    }

    /** Checks startOffset() and endOffset() against the model. */
    void checkRange(String cause, String when) {
      long start = call("startOffset()", () -> log.startOffset());
      long end = call("endOffset()", () -> log.endOffset());
      if (end != model.end()) {
        throw because(cause, String.format(Locale.ROOT, "%s: %s, endOffset() returned"
            + " %d; expected %d, one past the newest record.", scenario(), when, end,
            model.end()));
      }
      if (start != model.start()) {
        String inside = retentions > 0 && start > model.start() && start < model.end()
            && !model.segments.containsKey(start)
            ? String.format(Locale.ROOT, " %d is inside segment %d: retention deletes whole"
                + " segments, never the records inside one.", start, model.baseOf(start))
            : "";
        throw because(retentions > 0 ? RETAIN : cause, String.format(Locale.ROOT,
            "%s: %s, startOffset() returned %d; expected %d, the base offset of the oldest"
                + " segment%s.%s", scenario(), when, start, model.start(),
            retentions > 0 ? " left after retention" : "", inside));
      }
    }

    // -- reads ------------------------------------------------------------------------------------

    byte[] read(long offset) {
      try {
        return log.read(offset);
      } catch (LogOffsetOutOfRangeException e) {
        if (offset >= model.start() && offset < model.end()) {
          throw because(RANGE, String.format(Locale.ROOT, "%s: read(%d) threw"
              + " LogOffsetOutOfRangeException (%s)%s; the log holds offsets %d to %d, so"
              + " expected the %s appended as offset %d.", scenario(), offset,
              e.getMessage(), where(e), model.start(), model.end() - 1,
              bytes(model.record(offset).length), offset), e);
        }
        throw e;
      } catch (RuntimeException e) {
        String at = "";
        if (offset >= model.start() && offset < model.end()) {
          long base = model.baseOf(offset);
          at = String.format(Locale.ROOT, " Offset %d is in the log: record number %d of segment"
              + " %d (%s), at byte %d.", offset, offset - base, base, fileName(base),
              model.position(offset));
        }
        throw threwFor("read(" + offset + ")", e, at.isEmpty() ? null
            : because(FIND, String.format(Locale.ROOT, "%s: read(%d) threw %s%s%s.%s",
                scenario(), offset, e.getClass().getSimpleName(),
                e.getMessage() == null ? "" : ": " + e.getMessage(), where(e), at), e));
      }
    }

    void checkRead(long offset) {
      if (opens > 0) {
        ops.add(new long[] {offset});
      }
      checkReadAs(offset, model.record(offset), null);
    }

    /** Reads {@code offset} and compares it with {@code expected}; {@code when}: the context. */
    void checkReadAs(long offset, byte[] expected, String when) {
      byte[] got = read(offset);
      String ctx = scenario() + (when == null ? "" : ", " + when);
      if (got == null) {
        throw because(FIND, String.format(Locale.ROOT, "%s: read(%d) returned null;"
            + " expected the %s appended as offset %d (%s).", ctx, offset, bytes(expected.length),
            offset, hex(expected, 0)));
      }
      if (Arrays.equals(got, expected)) {
        return;
      }
      String why = "";
      String cause = when == null ? FIND : COPY;
      long other = when == null ? findUnique(got, offset) : -1;
      if (other >= 0) {
        long base = model.baseOf(offset);
        boolean same = model.baseOf(other) == base;
        why = same
            ? String.format(Locale.ROOT, " That is the record appended as offset %d, in the"
                + " same segment %s: the position found in the segment is off (the index entry"
                + " taken, or the steps from it).", other, fileName(base))
            : String.format(Locale.ROOT, " That is the record appended as offset %d, in segment"
                + " %d; offset %d is in segment %d, the one with the greatest base offset at or"
                + " below it, record number %d there.", other, model.baseOf(other), offset, base,
                offset - base);
        cause = same ? INDEX : FIND;
      } else if (when != null) {
        why = " The caller's arrays are the caller's: copy what you keep, and return a new array"
            + " from every read.";
      }
      throw because(cause, String.format(Locale.ROOT, "%s: read(%d) returned %s"
          + " (%s); expected the %s appended as offset %d (%s).%s", ctx, offset,
          bytes(got.length), hex(got, 0), bytes(expected.length), offset, hex(expected, 0),
          why));
    }

    /** The one offset (other than {@code offset}) still held whose record equals {@code got}. */
    private long findUnique(byte[] got, long offset) {
      long found = -1;
      for (long o = model.start(); o < model.end(); o++) {
        if (o != offset && Arrays.equals(model.record(o), got)) {
          if (found >= 0) {
            return -1;
          }
          found = o;
        }
      }
      return found;
    }

    void readAll(boolean backwards) {
      long start = model.start();
      long end = model.end();
      for (long i = 0; i < end - start; i++) {
        checkRead(backwards ? end - 1 - i : start + i);
      }
    }

    void readShuffled(SplittableRandom rnd) {
      long start = model.start();
      int n = (int) (model.end() - start);
      long[] order = new long[n];
      for (int i = 0; i < n; i++) {
        order[i] = start + i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        long t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (long o : order) {
        checkRead(o);
      }
    }

    /** A read outside the log must throw LogOffsetOutOfRangeException with the log's range. */
    void expectOutOfRange(long offset) {
      checkRange(RANGE, "before read(" + offset + ")");
      String side = offset < model.start()
          ? (offset < 0 ? "a negative offset" : model.start() > 0 && offset < model.start()
              && retentions > 0 ? "an offset retention deleted" : "before the start offset")
          : offset == model.end() ? "the end offset itself, the next one to be written"
              : "past the end offset";
      String range = model.start() == model.end()
          ? String.format(Locale.ROOT, "the log holds no records (start = end = %d)",
              model.end())
          : String.format(Locale.ROOT, "the log holds offsets %d to %d", model.start(),
              model.end() - 1);
      byte[] got;
      try {
        got = log.read(offset);
      } catch (LogOffsetOutOfRangeException e) {
        if (e.offset() != offset || e.startOffset() != model.start()
            || e.endOffset() != model.end()) {
          throw Because.of(RANGE, String.format(Locale.ROOT, "%s: read(%d) threw"
              + " LogOffsetOutOfRangeException(offset %d, startOffset %d, endOffset %d);"
              + " expected (%d, %d, %d): the offset asked for and the log's range now.",
              scenario(), offset, e.offset(), e.startOffset(), e.endOffset(), offset,
              model.start(), model.end()));
        }
        return;
      } catch (RuntimeException e) {
        throw threwFor("read(" + offset + ")", e, Because.of(RANGE, String.format(Locale.ROOT,
            "%s: read(%d) threw %s%s; expected LogOffsetOutOfRangeException: %d is %s, and %s."
                + " Check the range before looking anything up.", scenario(), offset,
            e.getClass().getSimpleName(), where(e), offset, side, range), e));
      }
      throw Because.of(RANGE, String.format(Locale.ROOT, "%s: read(%d) returned %s; expected"
          + " LogOffsetOutOfRangeException: %d is %s, and %s.", scenario(), offset,
          got == null ? "null" : got.length + " bytes", offset, side, range));
    }

    // -- retention -----------------------------------------------------------------------------

    void retain(long retentionBytes) {
      long total = model.total;
      TreeMap<Long, Integer> before = new TreeMap<>();
      model.segments.forEach((b, s) -> before.put(b, (int) s[0]));
      String call = "deleteOldSegments(" + retentionBytes + ")";
      ops.add(retentionBytes);
      int got;
      try {
        got = log.deleteOldSegments(retentionBytes);
      } catch (RuntimeException e) {
        throw threwFor(call, e, null);
      }
      int expected = model.retain(retentionBytes);
      retentions++;
      String explain = retentionExplanation(before, total, retentionBytes, expected);
      String segments = "segments (name: bytes) " + listing(before, null) + ", " + total
          + " bytes in all";
      String when = "after " + call + " on " + segments;
      if (got != expected) {
        throw because(RETAIN, String.format(Locale.ROOT, "%s: %s on %s returned %d;"
            + " expected %d. %s", scenario(), call, segments, got, expected, explain));
      }
      checkRange(RETAIN, when);
      checkFiles(RETAIN, when, explain);
    }

    private String retentionExplanation(TreeMap<Long, Integer> before, long total, long bytes,
        int deleted) {
      StringBuilder sb = new StringBuilder();
      long t = total;
      int i = 0;
      for (Map.Entry<Long, Integer> s : before.entrySet()) {
        if (i == before.size() - 1) {
          sb.append(String.format(Locale.ROOT, "Segment %d is the active one: never deleted.",
              s.getKey()));
          break;
        }
        long without = t - s.getValue();
        if (without >= bytes) {
          if (i < 3 || i >= deleted - 1) {
            sb.append(String.format(Locale.ROOT, "Without segment %d the log holds %d - %d = %d"
                + " >= %d bytes: delete it. ", s.getKey(), t, s.getValue(), without, bytes));
          } else if (i == 3) {
            sb.append("... ");
          }
          t = without;
          i++;
        } else {
          sb.append(String.format(Locale.ROOT, "Without segment %d it would hold %d - %d = %d <"
              + " %d bytes: it stays, whole, and so do the newer ones.", s.getKey(), t,
              s.getValue(), without, bytes));
          break;
        }
      }
      return sb.toString();
    }

    void expectRetentionRejected(long bytes) {
      String call = "deleteOldSegments(" + bytes + ")";
      Map<String, Integer> before = disk.sizes();
      int got;
      try {
        got = log.deleteOldSegments(bytes);
      } catch (IllegalArgumentException expected) {
        if (!disk.sizes().equals(before)) {
          throw Because.of(ARGS, scenario() + ": " + call + " threw IllegalArgumentException,"
              + " but first changed the files: check the argument before deleting anything.");
        }
        return;
      } catch (RuntimeException e) {
        throw threwFor(call, e, Because.of(ARGS, String.format(Locale.ROOT, "%s: %s threw"
            + " %s%s; expected IllegalArgumentException: retentionBytes must not be negative.",
            scenario(), call, e.getClass().getSimpleName(), where(e)), e));
      }
      throw Because.of(ARGS, String.format(Locale.ROOT, "%s: %s returned %d%s; expected"
          + " IllegalArgumentException: retentionBytes must not be negative.", scenario(), call,
          got, disk.sizes().equals(before) ? "" : " and deleted " + deletedFiles(before)));
    }

    private String deletedFiles(Map<String, Integer> before) {
      Set<String> gone = new TreeSet<>(before.keySet());
      gone.removeAll(disk.sizes().keySet());
      return gone.toString();
    }

    // -- close and open ---------------------------------------------------------------------------

    void reopen() {
      try {
        log.close();
      } catch (RuntimeException e) {
        throw threwFor("close()", e, null);
      }
      if (disk.unsynced() > 0) {
        throw Because.of(OPEN, String.format(Locale.ROOT, "%s: after close() returned, %d write%s"
            + " to the disk %s not fsynced. close() is a clean shutdown: when it returns,"
            + " everything must be durable (disk.fsync()), or a crash right after loses it.",
            scenario(), disk.unsynced(), disk.unsynced() == 1 ? "" : "s",
            disk.unsynced() == 1 ? "was" : "were"));
      }
      opens++;
      log = open(constructor() + " over the same disk");
      checkRange(OPEN, "right after opening it again");
      checkFiles(OPEN, "right after opening it again (opening changes no file)");
    }

    private SegmentedLog open(String call) {
      try {
        return new SegmentedLog(disk, segmentBytes, interval);
      } catch (IllegalArgumentException e) {
        throw threwFor(call, e, Because.of(ARGS, String.format(Locale.ROOT, "%s threw"
            + " IllegalArgumentException%s; segmentBytes >= 4 and indexIntervalBytes >= 1 are"
            + " valid.", call, where(e)), e));
      } catch (RuntimeException e) {
        throw threwFor(opens > 0 ? scenario() + ": " + call : call, e, null);
      }
    }

    // -- what reads cost --------------------------------------------------------------------------

    /**
     * Reads {@code count} offsets deep in each segment (at byte 256 KiB or later, where a scan
     * from the start costs far more than the bound), and the first and last of each, measuring
     * the bytes of .log files each read() reads.
     */
    void costlyReadsCheck(SplittableRandom rnd, int count) {
      List<Long> offsets = new ArrayList<>();
      for (Map.Entry<Long, long[]> s : model.segments.entrySet()) {
        long base = s.getKey();
        long n = s.getValue()[1];
        offsets.add(base);
        offsets.add(base + n - 1);
        long from = base;
        long p = 0;
        while (from < base + n && p < Math.min(256 * 1_024, s.getValue()[0] / 4)) {
          p += HEADER + model.record(from).length;
          from++;
        }
        for (int i = 0; i < count && from < base + n; i++) {
          offsets.add(from + rnd.nextLong(base + n - from));
        }
      }
      Map<Long, Integer> longestOf = new TreeMap<>();
      for (long offset : offsets) {
        long base = model.baseOf(offset);
        byte[] expected = model.record(offset);
        long before = disk.logBytesRead();
        byte[] got = read(offset);
        long cost = disk.logBytesRead() - before;
        if (!Arrays.equals(got, expected)) {
          checkRead(offset); // the message for a wrong record
        }
        int longest = longestOf.computeIfAbsent(base, model::longest);
        long bound = 2L * interval + 2L * (HEADER + longest);
        if (cost >= expected.length && cost <= bound) {
          continue;
        }
        long segment = model.segments.get(base)[0];
        String where = String.format(Locale.ROOT, "read(%d), a record of %s at byte %,d"
            + " of %s (%,d bytes, its longest record %d bytes)", offset, bytes(expected.length),
            model.position(offset), fileName(base), segment, longest);
        if (cost < expected.length) {
          throw because(INDEX, String.format(Locale.ROOT, "%s: %s returned the right"
              + " bytes but read only %,d bytes of .log files from the disk. Records live on"
              + " the disk: read each from its segment file every time, and keep only the index"
              + " in memory.", scenario(), where, cost));
        }
        if (cost > bound) {
          String why;
          if (cost >= segment) {
            why = " That is the whole segment file or more: read with disk.read(file, position,"
                + " length), not disk.read(file).";
          } else if (cost >= model.position(offset) / 2) {
            why = " That is about a scan from the segment's start: start from the index's last"
                + " entry at or before the offset.";
          } else {
            why = " The index has too few entries: one every indexIntervalBytes bytes of"
                + " records, or more.";
          }
          if (opens > 0) {
            why += " This is after opening the log again: rebuild (or load) every segment's"
                + " index when opening, not only its first entry.";
          }
          throw because(INDEX, String.format(Locale.ROOT, "%s: %s read %,d bytes of"
              + " .log files; a sparse index with an entry every %,d bytes allows at most"
              + " 2 × %,d + 2 × (4 + %d) = %,d.%s", scenario(), where, cost, interval,
              interval, longest, bound, why));
        }
      }
    }

    // -- exceptions from the learner's code -------------------------------------------------------

    private long call(String what, LongSupplier f) {
      try {
        return f.getAsLong();
      } catch (RuntimeException e) {
        throw threwFor(what, e, null);
      }
    }

    /**
     * The failure for an exception the learner's code threw in {@code call}: {@code judged} if the
     * suite has a verdict on it, else the exception with the scenario. The untouched stub's TODO
     * passes through, so that the verdict says what is not implemented yet.
     */
    private RuntimeException threwFor(String call, RuntimeException e, Because judged) {
      if (isTodo(e)) {
        throw e;
      }
      if (judged != null) {
        throw judged;
      }
      throw threw(scenario() + ": " + call, e);
    }

    static AssertionError threw(String call, RuntimeException e) {
      if (isTodo(e)) {
        throw e;
      }
      return new AssertionError(call + " threw " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + where(e) + ".", e);
    }
  }

  private static boolean isTodo(RuntimeException e) {
    return e instanceof UnsupportedOperationException && e.getMessage() != null
        && e.getMessage().contains("TODO");
  }

  // ---------------------------------------------------------------------------------------------
  // The disk

  /**
   * An in-memory {@link Disk} that grows files in place (appends cost their own bytes), counts the
   * bytes read from .log files, and the writes, appends and deletes since the last fsync. The
   * suite looks at the files through {@link #snapshot()}, which counts nothing.
   */
  static final class MemDisk implements Disk {
    private final TreeMap<String, Buf> files = new TreeMap<>();
    private long logBytesRead;
    private int unsynced;
    private int logFiles;
    private long logBytes;

    private static final class Buf {
      byte[] data;
      int length;

      Buf(byte[] initial) {
        data = Arrays.copyOf(initial, Math.max(16, initial.length));
        length = initial.length;
      }

      void add(byte[] more) {
        if (length + more.length > data.length) {
          data = Arrays.copyOf(data, Math.max(data.length * 2, length + more.length));
        }
        System.arraycopy(more, 0, data, length, more.length);
        length += more.length;
      }
    }

    @Override
    public byte[] read(String file) {
      Buf b = files.get(requireName(file));
      if (b == null) {
        return null;
      }
      count(file, b.length);
      return Arrays.copyOf(b.data, b.length);
    }

    @Override
    public byte[] read(String file, long position, int length) {
      if (position < 0 || length < 0) {
        throw new IllegalArgumentException(
            "position and length must not be negative: " + position + ", " + length);
      }
      Buf b = files.get(requireName(file));
      if (b == null) {
        return null;
      }
      int from = (int) Math.min(position, b.length);
      int to = (int) Math.min(b.length, from + (long) length);
      count(file, to - from);
      return Arrays.copyOfRange(b.data, from, to);
    }

    @Override
    public void write(String file, byte[] data) {
      requireData(data);
      Buf old = files.put(requireName(file), new Buf(data));
      track(file, old, data.length);
      unsynced++;
    }

    @Override
    public void append(String file, byte[] data) {
      requireData(data);
      Buf b = files.get(requireName(file));
      if (b == null) {
        files.put(file, new Buf(data));
        track(file, null, data.length);
      } else {
        b.add(data);
        if (file.endsWith(".log")) {
          logBytes += data.length;
        }
      }
      unsynced++;
    }

    @Override
    public void delete(String file) {
      Buf old = files.remove(requireName(file));
      if (old != null && file.endsWith(".log")) {
        logFiles--;
        logBytes -= old.length;
      }
      unsynced++;
    }

    @Override
    public Set<String> files() {
      return Collections.unmodifiableSet(new TreeSet<>(files.keySet()));
    }

    @Override
    public void fsync() {
      unsynced = 0;
    }

    private void track(String file, Buf old, int length) {
      if (!file.endsWith(".log")) {
        return;
      }
      if (old == null) {
        logFiles++;
      } else {
        logBytes -= old.length;
      }
      logBytes += length;
    }

    private void count(String file, int bytes) {
      if (file.endsWith(".log")) {
        logBytesRead += bytes;
      }
    }

    long logBytesRead() {
      return logBytesRead;
    }

    int unsynced() {
      return unsynced;
    }

    int logFiles() {
      return logFiles;
    }

    long logBytes() {
      return logBytes;
    }

    Integer sizeOf(String file) {
      Buf b = files.get(file);
      return b == null ? null : b.length;
    }

    /** Every file and its bytes, uncounted. */
    TreeMap<String, byte[]> snapshot() {
      TreeMap<String, byte[]> out = new TreeMap<>();
      files.forEach((n, b) -> out.put(n, Arrays.copyOf(b.data, b.length)));
      return out;
    }

    /** Every file and its size, uncounted. */
    TreeMap<String, Integer> sizes() {
      TreeMap<String, Integer> out = new TreeMap<>();
      files.forEach((n, b) -> out.put(n, b.length));
      return out;
    }

    private static String requireName(String file) {
      if (file == null || file.isEmpty()) {
        throw new IllegalArgumentException("file name must not be empty");
      }
      return file;
    }

    private static void requireData(byte[] data) {
      if (data == null) {
        throw new NullPointerException("data == null");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  static String fileName(long base) {
    return String.format(Locale.ROOT, "%020d.log", base);
  }

  /** The first base offset where two listings differ, or null if they agree. */
  private static Long firstDifference(TreeMap<Long, Integer> a, TreeMap<Long, Integer> b) {
    TreeSet<Long> all = new TreeSet<>(a.keySet());
    all.addAll(b.keySet());
    for (long base : all) {
      if (!Objects.equals(a.get(base), b.get(base))) {
        return base;
      }
    }
    return null;
  }

  /**
   * Segment files as "name: bytes", all of them if few, else the ones around {@code focus}
   * (a base offset, or null for the start).
   */
  private static String listing(TreeMap<Long, Integer> segments, Long focus) {
    List<Long> bases = new ArrayList<>(segments.keySet());
    int from = 0;
    int to = bases.size();
    if (bases.size() > 8) {
      int at = 0;
      if (focus != null) {
        while (at < bases.size() && bases.get(at) < focus) {
          at++;
        }
      }
      from = Math.max(0, at - 3);
      to = Math.min(bases.size(), at + 4);
    }
    StringBuilder sb = new StringBuilder();
    if (bases.isEmpty()) {
      return "none";
    }
    if (from > 0) {
      sb.append("(").append(from).append(" older) ");
    }
    for (int i = from; i < to; i++) {
      if (i > from) {
        sb.append(", ");
      }
      sb.append(fileName(bases.get(i))).append(": ").append(segments.get(bases.get(i)));
    }
    if (to < bases.size()) {
      sb.append(" (").append(bases.size() - to).append(" newer)");
    }
    return sb.toString();
  }

  /** "1 byte", "5 bytes". */
  private static String bytes(long n) {
    return n + (n == 1 ? " byte" : " bytes");
  }

  /** Up to 12 bytes in hex from {@code from}, for messages. */
  private static String hex(byte[] b, int from) {
    if (b == null) {
      return "no file";
    }
    if (from >= b.length) {
      return b.length == 0 ? "empty" : "the end of the data";
    }
    StringBuilder sb = new StringBuilder(from > 0 ? "... " : "");
    int to = Math.min(b.length, from + 12);
    for (int i = from; i < to; i++) {
      sb.append(String.format(Locale.ROOT, "%02x", b[i] & 0xff));
      if (i + 1 < to) {
        sb.append(' ');
      }
    }
    if (to < b.length) {
      sb.append(" ...");
    }
    return sb.toString();
  }

  /** " at SegmentedLog.java:12 (in read)" for the learner's frame nearest the throw. */
  private static String where(Throwable e) {
    for (StackTraceElement f : e.getStackTrace()) {
      if ("SegmentedLog.java".equals(f.getFileName())) {
        return " at SegmentedLog.java:" + f.getLineNumber() + " (in " + f.getMethodName() + ")";
      }
    }
    return "";
  }
}
