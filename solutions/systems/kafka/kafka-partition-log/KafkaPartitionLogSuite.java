import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import dstutor.kit.Disk;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * Hidden suite for kafka-partition-log. The learner's log runs over an in-memory disk of the
 * suite's own ({@link MemDisk}) that counts the bytes read from {@code .log} files, beside a model
 * of the brief ({@link Model}): segments with base offsets, sizes, largest timestamps and Kafka's
 * index entries, the fetch rule and retention.ms. Every expected value in a message comes from the
 * model. Nothing is statistical: record contents and sizes come from fixed seeds, so a correct log
 * passes every run, and a sweep's failure replays with its seed.
 *
 * <p>Hints are chosen per cause: a wrong .log size after an append is about the roll rule (after a
 * rejected record about the argument checks, after retention about retention), a wrong file name
 * or .log content about the record format, a wrong .index about Kafka's index rule, a fetch that
 * returns the right records but too many or too few about the fetch limit, a wrong record about
 * the lookup, a fetch outside the log about the range, and a fetch that reads too much about the
 * index lookup.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class KafkaPartitionLogSuite {
  private static final String FORMAT = "record-format";
  private static final String ROLL = "roll-rule";
  private static final String INDEX = "index-rule";
  private static final String LOOKUP = "index-lookup";
  private static final String LIMIT = "fetch-limit";
  private static final String RANGE = "fetch-range";
  private static final String RETAIN = "time-retention";
  private static final String COPY = "own-your-bytes";
  private static final String ARGS = "arguments";

  private static final int OVERHEAD = 20;
  private static final Pattern SEGMENT_FILE = Pattern.compile("(\\d{20})\\.(log|index)");

  @Test
  @Order(1)
  @DisplayName("offsets count from 0 and fetches return the model's records across segments")
  @Hint(FORMAT)
  void recordsFetchBackAcrossSegments() {
    Run example = new Run("log", 100, 30, 1);
    example.appendSized(1000, 10);
    example.appendSized(1005, 10);
    example.appendSized(900, 0);
    example.appendSized(1010, 10);
    example.checkFiles(ROLL, "after the brief's example");
    example.checkFetch(0, 50);
    example.checkFetch(0, 0);
    example.checkFetch(1, 1000);
    example.checkFetch(3, 1000);
    example.checkFetch(4, 1000);

    Seeds.forEach(6, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      int segmentBytes = 60 + rnd.nextInt(2_000);
      Run run = new Run("log", segmentBytes, rnd.nextInt(300), 100 + seed);
      int count = 300 + rnd.nextInt(700);
      for (int i = 0; i < count; i++) {
        run.appendSized(timestamp(rnd, i), randomLength(rnd, segmentBytes));
      }
      run.checkFiles(ROLL, "after " + count + " appends");
      run.fetchAll(rnd);
    });
  }

  @Test
  @Order(2)
  @DisplayName("a segment rolls before the record that would overflow it, into files named by the"
      + " record's offset")
  @Hint(ROLL)
  void segmentsRollBeforeTheRecordThatWouldOverflow() {
    // The smallest segments: 20 bytes hold one empty record each.
    Run tiny = new Run("log", 20, 0, 2);
    for (int i = 0; i < 25; i++) {
      tiny.appendSized(i, 0);
    }
    tiny.checkFiles(ROLL, "after 25 appends");
    tiny.fetchAll(new SplittableRandom(2));

    // Records that fill a segment exactly, alone or with others.
    Run exact = new Run("log", 80, 20, 3);
    for (int len : new int[] {60, 0, 20, 20, 60, 0, 0, 0, 0, 40, 0, 60, 60, 1, 2, 3, 0, 19}) {
      exact.appendSized(7, len);
    }
    exact.checkFiles(ROLL, "after 18 appends");
    exact.fetchAll(new SplittableRandom(3));

    Seeds.forEach(10, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      int segmentBytes = seed == 1 ? 21 : 40 + rnd.nextInt(600);
      Run run = new Run("log", segmentBytes, rnd.nextInt(200), 200 + seed);
      int count = 200 + rnd.nextInt(600);
      for (int i = 0; i < count; i++) {
        run.appendSized(timestamp(rnd, i), randomLength(rnd, segmentBytes));
      }
      run.checkFiles(ROLL, "after " + count + " appends");
    });
  }

  @Test
  @Order(3)
  @DisplayName("each .index file holds exactly Kafka's entries: relative offset and position,"
      + " one after more than indexIntervalBytes")
  @Hint(INDEX)
  void indexFilesHoldKafkasEntries() {
    // Empty records (20 bytes each) against intervals that the count reaches exactly.
    for (int interval : new int[] {0, 19, 20, 40, 60, 100}) {
      Run run = new Run("log", 400, interval, 4);
      for (int i = 0; i < 45; i++) {
        run.appendSized(i, i % 9 == 8 ? 5 : 0);
      }
      run.checkFiles(ROLL, "after 45 appends");
      run.fetchAll(new SplittableRandom(interval));
    }
    Seeds.forEach(8, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      int segmentBytes = 500 + rnd.nextInt(5_000);
      Run run = new Run("log", segmentBytes, rnd.nextInt(400), 300 + seed);
      int count = 300 + rnd.nextInt(500);
      for (int i = 0; i < count; i++) {
        run.appendSized(timestamp(rnd, i), randomLength(rnd, Math.min(segmentBytes, 300)));
      }
      run.checkFiles(ROLL, "after " + count + " appends");
      run.fetchAll(rnd);
    });
  }

  @Test
  @Order(4)
  @DisplayName("a fetch returns as many records of one segment as fit in maxBytes, and at least"
      + " one")
  @Hint(LIMIT)
  void fetchReturnsAsManyRecordsAsFit() {
    Run run = new Run("log", 1_000, 50, 5);
    int[] sizes = {10, 0, 30, 200, 5, 5, 5, 400, 0, 70, 1, 900, 3, 3, 980, 0, 0};
    for (int len : sizes) {
      run.appendSized(len * 3L, len);
    }
    run.checkFiles(ROLL, "after " + sizes.length + " appends");
    for (long offset = 0; offset < run.model.end(); offset++) {
      for (int maxBytes : run.model.limitsAround(offset)) {
        run.checkFetch(offset, maxBytes);
      }
    }
    Seeds.forEach(6, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      Run r = new Run("log", 200 + rnd.nextInt(3_000), rnd.nextInt(100), 400 + seed);
      for (int i = 0; i < 400; i++) {
        r.appendSized(timestamp(rnd, i), randomLength(rnd, r.segmentBytes));
      }
      for (int i = 0; i < 300; i++) {
        long offset = rnd.nextLong(r.model.end());
        int[] limits = r.model.limitsAround(offset);
        r.checkFetch(offset, limits[rnd.nextInt(limits.length)]);
      }
    });
  }

  @Test
  @Order(5)
  @DisplayName("a fetch at the log end offset is empty; before the start or past the end it throws"
      + " KafkaOffsetOutOfRangeException")
  @Hint(RANGE)
  void fetchesOutsideTheLog() {
    Run empty = new Run("log", 100, 10, 6);
    for (long offset : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
      empty.checkFetch(offset, 1_000);
    }
    Run run = new Run("log", 100, 10, 7);
    for (int i = 0; i < 10; i++) {
      run.appendSized(i * 100L, 30); // 50 bytes each: two records a segment
    }
    for (long offset : new long[] {10, 11, 12, -1, 1_000, Long.MAX_VALUE, Long.MIN_VALUE}) {
      run.checkFetch(offset, 1_000);
    }
    run.retain(2_000, 500); // segments 0 to 6 go (largest timestamps 100 to 700)
    for (long offset : new long[] {0, 5, 4, 6, 7, -1, 10, 11}) {
      run.checkFetch(offset, 1_000);
    }
    run.appendSized(5_000, 0);
    run.checkFetch(11, 0);
    run.checkFetch(12, 0);
    run.checkFetch(5, 0);
    run.checkFetch(10, 0);
  }

  @Test
  @Order(6)
  @DisplayName("fetches find records through the index: in 1 MiB segments they read little more"
      + " than the records they return")
  @Hint(LOOKUP)
  void fetchesUseTheIndex() {
    // About 8,700 records fill a segment: the first rolls, the second is the active one.
    Seeds.forEach(2, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      Run run = new Run("log", 1 << 20, 4_096, 500 + seed);
      int count = 11_000 + rnd.nextInt(3_000);
      for (int i = 0; i < count; i++) {
        run.appendSized(i, 1 + rnd.nextInt(200));
      }
      run.checkFiles(ROLL, "after " + count + " appends");
      int[] limits = {0, 100, 1_000, 5_000, 20_000};
      for (int i = 0; i < 100; i++) {
        long offset = rnd.nextLong(run.model.end());
        run.checkFetchCost(offset, limits[rnd.nextInt(limits.length)]);
      }
      // The last records of each segment, where a scan from the start costs most.
      for (long base : run.model.segments.keySet()) {
        long last = base + run.model.segments.get(base).count - 1;
        run.checkFetchCost(last, 0);
      }
    });
  }

  @Test
  @Order(7)
  @DisplayName("retention deletes whole old segments whose largest timestamp is older than"
      + " retentionMs, oldest first, never the active one")
  @Hint(RETAIN)
  void retentionDeletesExpiredSegmentsWhole() {
    Run example = new Run("log", 100, 30, 8);
    example.appendSized(1000, 10);
    example.appendSized(1005, 10);
    example.appendSized(900, 0);
    example.appendSized(1010, 10);
    example.retain(2005, 1000);
    example.retain(2006, 1000);
    example.checkFetch(2, 10);
    example.retain(1_000_000, 0);

    // Timestamps that go backwards: a segment's age is its largest timestamp, not its last.
    Run back = new Run("log", 60, 20, 9); // two records of 10 bytes a segment
    long[] stamps = {9_000, 1_000, 5_000, 200, 3_000, 9_500, 8_000, 100, 50, 60, 70, 80};
    for (long ts : stamps) {
      back.appendSized(ts, 10);
    }
    back.retain(9_000, -1);              // no time limit
    back.retain(Long.MAX_VALUE / 2, -5); // no time limit
    back.retain(9_500, 1_000);   // segment 0 (largest 9000) is 500 old: stays, and so does 2
    back.retain(10_000, 1_000);  // exactly 1000 old: not older than 1000, stays
    back.retain(10_001, 1_000);  // 0 and 2 go; 4 (largest 9500) is 501 old and stays
    back.retain(10_001, 500);    // 4, 6 and 8 go; 10 is active and stays
    back.retain(Long.MAX_VALUE / 2, 0);
    back.appendSized(1, 30);     // rolls: segment 10 is full
    back.retain(Long.MAX_VALUE / 2, 0);
    back.fetchAll(new SplittableRandom(9));

    Seeds.forEach(10, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      Run run = new Run("log", 60 + rnd.nextInt(400), rnd.nextInt(100), 600 + seed);
      long now = 10_000;
      int count = 200 + rnd.nextInt(400);
      for (int i = 0; i < count; i++) {
        now += rnd.nextInt(50);
        run.appendSized(Math.max(0, now - rnd.nextInt(rnd.nextInt(20) == 0 ? 3_000 : 100)),
            randomLength(rnd, run.segmentBytes));
        if (rnd.nextInt(30) == 0) {
          run.retainNear(rnd, now);
        }
      }
      run.retainNear(rnd, now);
      run.fetchAll(rnd);
    });
  }

  @Test
  @Order(8)
  @DisplayName("values are copied in and out; two logs share nothing")
  @Hint(COPY)
  void valuesAreCopiedAndLogsShareNothing() {
    Run run = new Run("log", 200, 20, 10);
    run.hint = COPY;
    for (int i = 0; i < 20; i++) {
      byte[] value = run.valueOf(15);
      run.appendValue(i, value);
      Arrays.fill(value, (byte) 0x5a); // the caller reuses its buffer
    }
    run.checkFiles(COPY, "after 20 appends whose arrays the caller changed afterwards");
    for (long offset = 0; offset < run.model.end(); offset++) {
      List<KafkaRecord> got = run.checkFetch(offset, 1_000);
      for (KafkaRecord r : got) {
        if (r.value() != null) {
          Arrays.fill(r.value(), (byte) 0x33); // the caller changes what it was given
        }
      }
    }
    for (long offset = 0; offset < run.model.end(); offset++) {
      run.checkFetch(offset, 1_000);
    }

    Run a = new Run("log A", 120, 10, 11);
    Run b = new Run("log B", 300, 0, 12);
    a.hint = COPY;
    b.hint = COPY;
    a.others = "while log B = " + b.constructor() + " is open";
    b.others = "while log A = " + a.constructor() + " is open";
    SplittableRandom rnd = new SplittableRandom(13);
    for (int i = 0; i < 200; i++) {
      Run r = rnd.nextBoolean() ? a : b;
      r.appendSized(i, randomLength(rnd, r.segmentBytes));
    }
    a.checkFiles(COPY, "after appends to both logs");
    b.checkFiles(COPY, "after appends to both logs");
    a.retain(1_000, 100);
    b.fetchAll(rnd);
    a.fetchAll(rnd);
  }

  @Test
  @Order(9)
  @DisplayName("bad arguments are rejected before anything changes; the extreme settings work")
  @Hint(ARGS)
  void argumentsAreChecked() {
    for (int[] bad : new int[][] {{19, 0}, {0, 10}, {-1, 10}, {Integer.MIN_VALUE, 0},
        {100, -1}, {20, Integer.MIN_VALUE}}) {
      MemDisk disk = new MemDisk();
      String call = "new KafkaPartitionLog(disk, " + bad[0] + ", " + bad[1] + ")";
      try {
        new KafkaPartitionLog(disk, bad[0], bad[1]);
      } catch (IllegalArgumentException expected) {
        if (!disk.files().isEmpty()) {
          throw Because.of(ARGS, call + " threw IllegalArgumentException, as it should, but"
              + " first created " + disk.files() + ". Check the arguments before touching the"
              + " disk.");
        }
        continue;
      } catch (RuntimeException e) {
        throw Run.threw(call + " on an empty disk", e);
      }
      throw Because.of(ARGS, call + " returned; expected IllegalArgumentException: "
          + (bad[0] < OVERHEAD ? "segmentBytes = " + bad[0] + " < 20, too small for even an"
              + " empty record." : "indexIntervalBytes = " + bad[1] + " < 0."));
    }
    // The extremes that are valid.
    for (int[] ok : new int[][] {{20, 0}, {Integer.MAX_VALUE, 0}, {1 << 30, 4_096},
        {100, Integer.MAX_VALUE}}) {
      Run run = new Run("log", ok[0], ok[1], 14);
      for (int i = 0; i < 30; i++) {
        run.appendSized(i, ok[0] == 20 ? 0 : i * 7);
      }
      run.checkFiles(ROLL, "after 30 appends");
      run.fetchAll(new SplittableRandom(14));
    }
    // Too large records and negative timestamps change nothing.
    for (int segmentBytes : new int[] {20, 21, 100, 1 << 16}) {
      Run run = new Run("log", segmentBytes, 10, 15);
      int max = segmentBytes - OVERHEAD;
      run.appendSized(3, max);
      run.appendSized(3, max + 1);
      run.appendSized(4, 0);
      run.appendSized(-1, 0);
      run.appendSized(5, max + 1);
      run.appendSized(Long.MIN_VALUE, max);
      run.appendSized(6, max + 1_000);
      run.appendSized(0, max);
      run.checkFiles(ROLL, "after appends of rejected records");
      run.fetchAll(new SplittableRandom(15));
    }
    Run run = new Run("log", 100, 10, 16);
    run.appendSized(1, 1);
    run.appendSized(2, 2);
    for (int maxBytes : new int[] {-1, Integer.MIN_VALUE}) {
      for (long offset : new long[] {0, 1}) {
        run.expectNegativeMaxBytes(offset, maxBytes);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Inputs

  /** Mostly increasing timestamps, sometimes going backwards. */
  private static long timestamp(SplittableRandom rnd, int i) {
    long base = 1_000L + 10L * i;
    return rnd.nextInt(8) == 0 ? Math.max(0, base - rnd.nextInt(500)) : base;
  }

  /** A value length: mostly small, some empty, some exactly filling a segment. */
  private static int randomLength(SplittableRandom rnd, int segmentBytes) {
    int max = segmentBytes - OVERHEAD;
    int r = rnd.nextInt(25);
    if (r == 0) {
      return 0;
    }
    if (r == 1) {
      return max;
    }
    return rnd.nextInt(Math.min(max, 120) + 1);
  }

  // ---------------------------------------------------------------------------------------------
  // The model of the brief

  /** One segment of the model. */
  static final class Seg {
    final long base;
    long size;
    long count;
    long since;
    long largest = Long.MIN_VALUE;
    final List<int[]> entries = new ArrayList<>();

    Seg(long base) {
      this.base = base;
    }
  }

  /** The log as the brief defines it. */
  static final class Model {
    final int segmentBytes;
    final int interval;
    final List<Long> timestamps = new ArrayList<>();
    final List<byte[]> values = new ArrayList<>();
    final TreeMap<Long, Seg> segments = new TreeMap<>();
    // The last append, for messages.
    long lastHeld;
    long lastBase;
    boolean lastRolled;
    long lastSince;
    boolean lastIndexed;

    Model(int segmentBytes, int interval) {
      this.segmentBytes = segmentBytes;
      this.interval = interval;
      segments.put(0L, new Seg(0));
    }

    long start() {
      return segments.firstKey();
    }

    long end() {
      return values.size();
    }

    Seg active() {
      return segments.lastEntry().getValue();
    }

    boolean accepts(long timestamp, int length) {
      return timestamp >= 0 && OVERHEAD + (long) length <= segmentBytes;
    }

    long append(long timestamp, byte[] value) {
      long offset = end();
      long stored = OVERHEAD + (long) value.length;
      Seg s = active();
      lastBase = s.base;
      lastHeld = s.size;
      lastRolled = s.size > 0 && s.size + stored > segmentBytes;
      if (lastRolled) {
        s = new Seg(offset);
        segments.put(offset, s);
      }
      lastSince = s.since;
      lastIndexed = s.since > interval;
      if (lastIndexed) {
        s.entries.add(new int[] {(int) (offset - s.base), (int) s.size});
        s.since = 0;
      }
      s.size += stored;
      s.since += stored;
      s.count++;
      s.largest = Math.max(s.largest, timestamp);
      timestamps.add(timestamp);
      values.add(value.clone());
      return offset;
    }

    int stored(long offset) {
      return OVERHEAD + values.get((int) offset).length;
    }

    /** The offsets a fetch returns, or null if it must throw. */
    long[] fetch(long offset, int maxBytes) {
      if (offset < start() || offset > end()) {
        return null;
      }
      if (offset == end()) {
        return new long[0];
      }
      Seg s = segments.floorEntry(offset).getValue();
      long last = s.base + s.count;
      long total = stored(offset);
      long to = offset + 1;
      while (to < last && total + stored(to) <= maxBytes) {
        total += stored(to);
        to++;
      }
      long[] out = new long[(int) (to - offset)];
      for (int i = 0; i < out.length; i++) {
        out[i] = offset + i;
      }
      return out;
    }

    /** maxBytes values around the boundaries of a fetch from {@code offset}. */
    int[] limitsAround(long offset) {
      Seg s = segments.floorEntry(offset).getValue();
      int first = stored(offset);
      int second = offset + 1 < s.base + s.count ? stored(offset + 1) : 0;
      int rest = 0;
      for (long o = offset; o < s.base + s.count; o++) {
        rest += stored(o);
      }
      return new int[] {0, 1, first - 1, first, first + second - 1, first + second,
          first + second + 1, rest - 1, rest, rest + 1, Integer.MAX_VALUE};
    }

    /** Kafka's retention.ms rule; returns the number of segments deleted. */
    int retain(long nowMs, long retentionMs) {
      if (retentionMs < 0) {
        return 0;
      }
      int deleted = 0;
      while (segments.size() > 1 && nowMs - segments.firstEntry().getValue().largest
          > retentionMs) {
        segments.pollFirstEntry();
        deleted++;
      }
      return deleted;
    }

    byte[] logContents(Seg s) {
      ByteBuffer buf = ByteBuffer.allocate((int) s.size);
      for (long o = s.base; o < s.base + s.count; o++) {
        byte[] v = values.get((int) o);
        buf.putLong(o).putInt(8 + v.length).putLong(timestamps.get((int) o)).put(v);
      }
      return buf.array();
    }

    byte[] indexContents(Seg s) {
      ByteBuffer buf = ByteBuffer.allocate(8 * s.entries.size());
      for (int[] e : s.entries) {
        buf.putInt(e[0]).putInt(e[1]);
      }
      return buf.array();
    }

    int longest(Seg s) {
      int m = 0;
      for (long o = s.base; o < s.base + s.count; o++) {
        m = Math.max(m, values.get((int) o).length);
      }
      return m;
    }

    long position(long offset) {
      Seg s = segments.floorEntry(offset).getValue();
      long p = 0;
      for (long o = s.base; o < offset; o++) {
        p += stored(o);
      }
      return p;
    }

    /** Why the last append's index decision went as it did. */
    String whyIndex(long offset) {
      Seg s = segments.floorEntry(offset).getValue();
      if (offset == s.base) {
        return String.format(Locale.ROOT, "Offset %d is the first record of segment %d: its"
            + " count was 0, not > %d, so no entry.", offset, s.base, interval);
      }
      return lastIndexed
          ? String.format(Locale.ROOT, "Before offset %d, %d bytes had gone in since the last"
              + " entry, > indexIntervalBytes = %d: entry (%d, %d) first, then the count is 0.",
              offset, lastSince, interval, offset - s.base, lastHeld)
          : String.format(Locale.ROOT, "Before offset %d, %d bytes had gone in since the last"
              + " entry, not > indexIntervalBytes = %d: no entry.", offset, lastSince, interval);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // A learner's log beside the model

  static final class Run {
    final String name;
    final int segmentBytes;
    final int interval;
    final MemDisk disk = new MemDisk();
    final Model model;
    final SplittableRandom content;
    final KafkaPartitionLog log;
    String hint;
    String others = "";
    int retentions;
    int rejected;
    /** The longest value of each segment, for the cost bound (segments with reads only). */
    private final Map<Long, Integer> longestOf = new HashMap<>();
    private long activeBase = -1;
    private String activePrefix;

    Run(String name, int segmentBytes, int interval, long contentSeed) {
      this.name = name;
      this.segmentBytes = segmentBytes;
      this.interval = interval;
      this.model = new Model(segmentBytes, interval);
      this.content = new SplittableRandom(contentSeed);
      try {
        log = new KafkaPartitionLog(disk, segmentBytes, interval);
      } catch (IllegalArgumentException e) {
        throw Because.of(ARGS, constructor() + " threw IllegalArgumentException" + where(e)
            + "; the settings are valid (segmentBytes >= 20, indexIntervalBytes >= 0).", e);
      } catch (RuntimeException e) {
        throw threw(constructor() + " on an empty disk", e);
      }
      checkFiles(FORMAT, "right after the constructor (a new log has the empty files"
          + " 00000000000000000000.log and 00000000000000000000.index)");
      checkRange(FORMAT, "a new log");
    }

    String constructor() {
      String disk = name.equals("log") ? "disk" : "disk " + name.substring(name.length() - 1);
      return "new KafkaPartitionLog(" + disk + ", " + segmentBytes + ", " + interval + ")";
    }

    String scenario() {
      StringBuilder sb = new StringBuilder(name.equals("log") ? "" : name + " = ");
      sb.append(constructor());
      long end = model.end();
      sb.append(end == 0 ? ", nothing appended" : String.format(Locale.ROOT,
          " after %,d append%s (offsets 0 to %d)", end, end == 1 ? "" : "s", end - 1));
      if (rejected > 0) {
        sb.append(String.format(Locale.ROOT, ", %d append%s rejected", rejected,
            rejected == 1 ? "" : "s"));
      }
      if (retentions > 0) {
        sb.append(String.format(Locale.ROOT, ", %d retention call%s (log start offset %d)",
            retentions, retentions == 1 ? "" : "s", model.start()));
      }
      if (!others.isEmpty()) {
        sb.append(", ").append(others);
      }
      return sb.toString();
    }

    Because because(String byCause, String message) {
      return Because.of(hint != null ? hint : byCause, message);
    }

    Because because(String byCause, String message, Throwable cause) {
      return Because.of(hint != null ? hint : byCause, message, cause);
    }

    byte[] valueOf(int length) {
      byte[] v = new byte[length];
      content.nextBytes(v);
      return v;
    }

    // -- appends ---------------------------------------------------------------------------------

    long appendSized(long timestamp, int length) {
      return appendValue(timestamp, valueOf(length));
    }

    long appendValue(long timestamp, byte[] value) {
      int length = value.length;
      String call = "append(" + timestamp + ", " + bytes(length) + ")";
      if (!model.accepts(timestamp, length)) {
        String why = timestamp < 0 ? "the timestamp is negative"
            : String.format(Locale.ROOT, "20 + %d = %d > segmentBytes = %d, so the record fits"
                + " in no segment", length, OVERHEAD + (long) length, segmentBytes);
        Map<String, Integer> before = disk.sizes();
        long got;
        try {
          got = log.append(timestamp, value);
        } catch (IllegalArgumentException expected) {
          rejected++;
          if (!disk.sizes().equals(before)) {
            throw because(ARGS, String.format(Locale.ROOT, "%s: %s threw"
                + " IllegalArgumentException, as it should (%s), but first changed the files:"
                + " before %s, after %s. Check before anything else.", scenario(), call, why,
                before, disk.sizes()));
          }
          checkRange(ARGS, "after " + call + " was rejected (a rejected record uses no offset)");
          return -1;
        } catch (RuntimeException e) {
          throw because(ARGS, String.format(Locale.ROOT, "%s: %s threw %s%s; expected"
              + " IllegalArgumentException: %s.", scenario(), call, e.getClass().getSimpleName(),
              where(e), why), e);
        }
        throw because(ARGS, String.format(Locale.ROOT, "%s: %s returned offset %d; expected"
            + " IllegalArgumentException: %s.", scenario(), call, got, why));
      }
      long got;
      try {
        got = log.append(timestamp, value);
      } catch (IllegalArgumentException e) {
        throw todoOr(e, because(ARGS, String.format(Locale.ROOT, "%s: %s threw"
            + " IllegalArgumentException%s; expected offset %d: 20 + %d <= segmentBytes = %d and"
            + " the timestamp is not negative.", scenario(), call, where(e), model.end(),
            length, segmentBytes), e));
      } catch (RuntimeException e) {
        throw todoOr(e, threw(scenario() + ": " + call, e));
      }
      long expected = model.append(timestamp, value);
      if (got != expected) {
        boolean skipped = rejected > 0 && got == expected + rejected;
        throw because(skipped ? ARGS : FORMAT, String.format(Locale.ROOT, "%s: %s returned"
            + " offset %d; expected %d.%s", scenario(), call, got, expected, skipped
            ? " A rejected append must not use an offset." : " Offsets are consecutive from 0."));
      }
      checkFilesFast(call, got);
      return got;
    }

    private void checkFilesFast(String call, long offset) {
      Seg active = model.active();
      if (active.base != activeBase) {
        activeBase = active.base;
        activePrefix = String.format(Locale.ROOT, "%020d", active.base);
      }
      String prefix = activePrefix;
      Integer logSize = disk.sizeOf(prefix + ".log");
      Integer indexSize = disk.sizeOf(prefix + ".index");
      if (disk.fileCount() == 2 * model.segments.size() && logSize != null
          && logSize == active.size && indexSize != null
          && indexSize == 8 * active.entries.size()) {
        return;
      }
      checkFiles(ROLL, "after " + call + " as offset " + offset, whyRoll(offset) + " "
          + model.whyIndex(offset));
    }

    private String whyRoll(long offset) {
      long stored = model.stored(offset);
      if (model.lastRolled) {
        return String.format(Locale.ROOT, "The record takes 20 + %d = %d bytes; segment %d held"
            + " %d, and %d + %d > segmentBytes = %d, so the log rolls first: offset %d starts"
            + " segment %s.", stored - OVERHEAD, stored, model.lastBase, model.lastHeld,
            model.lastHeld, stored, segmentBytes, offset, fileName(offset, "log"));
      }
      return String.format(Locale.ROOT, "The record takes 20 + %d = %d bytes; segment %d held"
          + " %d, and %s, so it goes there.", stored - OVERHEAD, stored, model.lastBase,
          model.lastHeld, model.lastHeld == 0 ? "it was empty"
              : model.lastHeld + " + " + stored + " <= segmentBytes = " + segmentBytes);
    }

    // -- files ----------------------------------------------------------------------------------

    void checkFiles(String sizeCause, String when) {
      checkFiles(sizeCause, when, "");
    }

    /** Names, sizes and contents of every file against the model. */
    void checkFiles(String sizeCause, String when, String why) {
      String tail = why.isEmpty() ? "" : " " + why;
      TreeMap<String, byte[]> files = disk.snapshot();
      TreeMap<Long, Integer> logs = new TreeMap<>();
      TreeMap<Long, byte[]> indexes = new TreeMap<>();
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Matcher m = SEGMENT_FILE.matcher(f.getKey());
        if (!m.matches()) {
          throw because(FORMAT, String.format(Locale.ROOT, "%s: %s, the disk has the file"
              + " \"%s\". The only files are <base>.log and <base>.index, the base offset in 20"
              + " zero-padded digits (segment 1000 is 00000000000000001000.log).%s", scenario(),
              when, f.getKey(), tail));
        }
        long base = Long.parseLong(m.group(1));
        if (m.group(2).equals("log")) {
          logs.put(base, f.getValue().length);
        } else {
          indexes.put(base, f.getValue());
        }
      }
      TreeMap<Long, Integer> expected = new TreeMap<>();
      model.segments.forEach((b, s) -> expected.put(b, (int) s.size));
      if (!logs.equals(expected)) {
        String cause = sizeCause;
        String diagnosis = "";
        if (new ArrayList<>(logs.values()).equals(new ArrayList<>(expected.values()))) {
          cause = FORMAT;
          diagnosis = " The sizes are right but the names are not: a segment is named after"
              + " the offset of its first record.";
        } else if (retentions > 0 && !logs.isEmpty() && logs.firstKey() < model.start()
            && !sizeCause.equals(RETAIN)) {
          cause = RETAIN;
        }
        throw because(cause, String.format(Locale.ROOT, "%s: %s, the .log files (name: bytes)"
            + " are %s; the model has %s.%s%s", scenario(), when, listing(logs),
            listing(expected), diagnosis, tail));
      }
      for (long base : expected.keySet()) {
        if (!indexes.containsKey(base)) {
          throw because(FORMAT, String.format(Locale.ROOT, "%s: %s, segment %d has no index"
              + " file %s: every segment has a .log and a .index file, both created with the"
              + " segment.%s", scenario(), when, base, fileName(base, "index"), tail));
        }
      }
      for (long base : indexes.keySet()) {
        if (!expected.containsKey(base)) {
          boolean deleted = retentions > 0 && base < model.start();
          throw because(deleted ? RETAIN : sizeCause, String.format(Locale.ROOT, "%s: %s, the"
              + " disk has %s but no segment %d%s.%s", scenario(), when,
              fileName(base, "index"), base, deleted ? ": retention deleted that segment, and"
                  + " deleting a segment deletes both its files" : "", tail));
        }
      }
      for (Seg s : model.segments.values()) {
        byte[] want = model.logContents(s);
        byte[] have = files.get(fileName(s.base, "log"));
        if (!Arrays.equals(want, have)) {
          int at = Arrays.mismatch(want, have);
          throw because(FORMAT, String.format(Locale.ROOT, "%s: %s, %s has the right size,"
              + " %d bytes, but differs from byte %d on (%s): found %s, expected %s. A record is"
              + " offset (8 bytes), length (4: 8 + n), timestamp (8), value (n), big-endian.%s",
              scenario(), when, fileName(s.base, "log"), want.length, at, field(s, at),
              hex(have, at), hex(want, at), tail));
        }
        byte[] wantIndex = model.indexContents(s);
        byte[] haveIndex = indexes.get(s.base);
        if (!Arrays.equals(wantIndex, haveIndex)) {
          throw because(INDEX, String.format(Locale.ROOT, "%s: %s, %s holds the entries"
              + " (relative offset, position) %s; Kafka's rule gives %s (indexIntervalBytes ="
              + " %d: an entry before a record when more than that many bytes went in since"
              + " the last entry; none for a segment's first record; each entry 4 + 4 bytes,"
              + " big-endian).%s", scenario(), when, fileName(s.base, "index"),
              entries(haveIndex), entries(wantIndex), interval, tail));
        }
      }
    }

    /** Which field of which record byte {@code at} of segment {@code s} falls in. */
    private String field(Seg s, int at) {
      long p = 0;
      for (long o = s.base; o < s.base + s.count; o++) {
        int size = model.stored(o);
        if (at < p + size) {
          long in = at - p;
          String f = in < 8 ? "its offset field" : in < 12 ? "its length field"
              : in < 20 ? "its timestamp field" : "its value";
          return "record " + o + " starts at byte " + p + "; byte " + at + " is in " + f;
        }
        p += size;
      }
      return "past the records";
    }

    void checkRange(String cause, String when) {
      long start = call("logStartOffset()", () -> log.logStartOffset());
      long end = call("logEndOffset()", () -> log.logEndOffset());
      if (end != model.end()) {
        throw because(cause, String.format(Locale.ROOT, "%s: %s, logEndOffset() returned %d;"
            + " expected %d.", scenario(), when, end, model.end()));
      }
      if (start != model.start()) {
        throw because(retentions > 0 ? RETAIN : cause, String.format(Locale.ROOT, "%s: %s,"
            + " logStartOffset() returned %d; expected %d, the base offset of the oldest"
            + " segment.", scenario(), when, start, model.start()));
      }
    }

    // -- retention ------------------------------------------------------------------------------

    void retain(long nowMs, long retentionMs) {
      String call = "deleteExpiredSegments(" + nowMs + ", " + retentionMs + ")";
      StringBuilder ages = new StringBuilder();
      int shown = 0;
      for (Seg s : model.segments.values()) {
        if (shown++ == 6) {
          ages.append(", ...");
          break;
        }
        ages.append(shown > 1 ? ", " : "").append(s.base).append(" (")
            .append(s == model.active() ? "active, " : "").append(s.count == 0 ? "empty"
                : "largest timestamp " + s.largest).append(')');
      }
      String before = ages.toString();
      long got = call(call, () -> log.deleteExpiredSegments(nowMs, retentionMs));
      int expected = model.retain(nowMs, retentionMs);
      if (got != expected) {
        throw because(RETAIN, String.format(Locale.ROOT, "%s: %s on segments %s returned %d;"
            + " expected %d. %s", scenario(), call, before, got, expected,
            retentionMs < 0 ? "A negative retentionMs means no time limit."
                : "Delete the oldest while it is not active and nowMs - largest > retentionMs"
                    + " (strictly); stop at the first that stays."));
      }
      retentions++;
      checkRange(RETAIN, "after " + call);
      checkFiles(RETAIN, "after " + call + " on segments " + before);
    }

    void retainNear(SplittableRandom rnd, long now) {
      Seg oldest = model.segments.firstEntry().getValue();
      long age = oldest.count == 0 ? 0 : now - oldest.largest;
      long retention;
      switch (rnd.nextInt(5)) {
        case 0 -> retention = age;
        case 1 -> retention = age - 1;
        case 2 -> retention = -1;
        default -> retention = rnd.nextLong(Math.max(1, age + 500));
      }
      retain(now, retention);
    }

    // -- fetches --------------------------------------------------------------------------------

    void fetchAll(SplittableRandom rnd) {
      for (long offset = model.start(); offset <= model.end(); offset++) {
        int[] limits = offset < model.end() ? model.limitsAround(offset) : new int[] {100};
        checkFetch(offset, limits[rnd.nextInt(limits.length)]);
      }
    }

    List<KafkaRecord> checkFetch(long offset, int maxBytes) {
      String call = "fetch(" + offset + ", " + maxBytes + ")";
      long[] expected = model.fetch(offset, maxBytes);
      List<KafkaRecord> got;
      try {
        got = log.fetch(offset, maxBytes);
      } catch (KafkaOffsetOutOfRangeException e) {
        if (expected != null) {
          throw because(RANGE, String.format(Locale.ROOT, "%s: %s threw"
              + " KafkaOffsetOutOfRangeException (%s)%s; expected %s.", scenario(), call,
              e.getMessage(), where(e), describe(expected, offset)), e);
        }
        if (e.offset() != offset || e.logStartOffset() != model.start()
            || e.logEndOffset() != model.end()) {
          throw because(RANGE, String.format(Locale.ROOT, "%s: %s threw"
              + " KafkaOffsetOutOfRangeException(%d, %d, %d); expected (%d, %d, %d): the offset"
              + " asked for and the log's range at that moment.", scenario(), call, e.offset(),
              e.logStartOffset(), e.logEndOffset(), offset, model.start(), model.end()), e);
        }
        return List.of();
      } catch (RuntimeException e) {
        throw todoOr(e, because(expected == null ? RANGE : LOOKUP, String.format(Locale.ROOT,
            "%s: %s threw %s%s; expected %s.", scenario(), call, e.toString(), where(e),
            expected == null ? outOfRange(offset) : describe(expected, offset)), e));
      }
      if (expected == null) {
        throw because(RANGE, String.format(Locale.ROOT, "%s: %s returned %s; expected %s.",
            scenario(), call, offsetsOf(got), outOfRange(offset)));
      }
      if (got == null) {
        throw because(offset == model.end() ? RANGE : LOOKUP, String.format(Locale.ROOT,
            "%s: %s returned null; expected %s.", scenario(), call, describe(expected, offset)));
      }
      boolean sameOffsets = got.size() == expected.length;
      for (int i = 0; sameOffsets && i < got.size(); i++) {
        sameOffsets = got.get(i) != null && got.get(i).offset() == expected[i];
      }
      if (!sameOffsets) {
        String cause = LOOKUP;
        if (expected.length == 0) {
          cause = RANGE;
        } else if (consecutiveFrom(got, offset)) {
          cause = LIMIT;
        }
        throw because(cause, String.format(Locale.ROOT, "%s: %s returned %s; expected %s.",
            scenario(), call, offsetsOf(got), describe(expected, offset)) + limitWhy(got,
            expected, offset, maxBytes));
      }
      for (KafkaRecord r : got) {
        long o = r.offset();
        byte[] want = model.values.get((int) o);
        long ts = model.timestamps.get((int) o);
        if (r.timestamp() != ts || !Arrays.equals(r.value(), want)) {
          throw because(LOOKUP, String.format(Locale.ROOT, "%s: %s returned record %d with"
              + " timestamp %d and value %s; it was appended with timestamp %d and value %s.",
              scenario(), call, o, r.timestamp(), hex(r.value(), 0), ts, hex(want, 0)));
        }
      }
      return got;
    }

    void checkFetchCost(long offset, int maxBytes) {
      long before = disk.logBytesRead();
      List<KafkaRecord> got = checkFetch(offset, maxBytes);
      long cost = disk.logBytesRead() - before;
      Seg s = model.segments.floorEntry(offset).getValue();
      long returned = 0;
      long values = 0;
      for (KafkaRecord r : got) {
        returned += model.stored(r.offset());
        values += r.value().length;
      }
      int longest = longestOf.computeIfAbsent(s.base, b -> model.longest(s));
      long bound = returned + 2L * interval + 2L * (OVERHEAD + longest);
      String where = String.format(Locale.ROOT, "fetch(%d, %d), %d record%s (%,d bytes of log)"
          + " from byte %,d of %s (%,d bytes, its longest value %d bytes)", offset, maxBytes,
          got.size(), got.size() == 1 ? "" : "s", returned, model.position(offset),
          fileName(s.base, "log"), s.size, longest);
      if (cost < values) {
        throw because(LOOKUP, String.format(Locale.ROOT, "%s: %s returned the right records"
            + " but read only %,d bytes of .log files, less than their %,d bytes of values."
            + " Records live on the disk: read them from the segment file every time.",
            scenario(), where, cost, values));
      }
      if (cost > bound) {
        String why = cost >= s.size ? " That is the whole segment or more: read with"
            + " disk.read(file, position, length), not disk.read(file)."
            : " Start from the index's last entry at or before the offset, not from the"
                + " segment's start, and step with 12-byte headers.";
        throw because(LOOKUP, String.format(Locale.ROOT, "%s: %s read %,d bytes of .log"
            + " files; with an index entry every %,d bytes at most %,d + 2 × %,d + 2 × (20 +"
            + " %d) = %,d.%s", scenario(), where, cost, interval, returned, interval, longest,
            bound, why));
      }
    }

    void expectNegativeMaxBytes(long offset, int maxBytes) {
      String call = "fetch(" + offset + ", " + maxBytes + ")";
      List<KafkaRecord> got;
      try {
        got = log.fetch(offset, maxBytes);
      } catch (IllegalArgumentException expected) {
        return;
      } catch (RuntimeException e) {
        throw todoOr(e, because(ARGS, String.format(Locale.ROOT, "%s: %s threw %s%s; expected"
            + " IllegalArgumentException: maxBytes < 0.", scenario(), call, e, where(e)), e));
      }
      throw because(ARGS, String.format(Locale.ROOT, "%s: %s returned %s; expected"
          + " IllegalArgumentException: maxBytes < 0.", scenario(), call, offsetsOf(got)));
    }

    private String outOfRange(long offset) {
      return String.format(Locale.ROOT, "KafkaOffsetOutOfRangeException(%d, %d, %d): %s",
          offset, model.start(), model.end(), offset < model.start()
              ? "the offset is before the log start offset" + (retentions > 0
                  ? " (retention deleted it)" : "")
              : "the offset is past the log end offset");
    }

    private String describe(long[] expected, long offset) {
      if (expected.length == 0) {
        return "an empty list: " + offset + " is the log end offset, nothing is there yet";
      }
      return "offsets " + range(expected);
    }

    private String limitWhy(List<KafkaRecord> got, long[] expected, long offset, int maxBytes) {
      if (expected.length == 0) {
        return " A fetch at the log end offset is not an error; the consumer polls again.";
      }
      Seg s = model.segments.floorEntry(offset).getValue();
      long last = s.base + s.count - 1;
      StringBuilder sb = new StringBuilder(" The records from ").append(offset)
          .append(" take ");
      long total = 0;
      long upTo = Math.min(last, expected[expected.length - 1] + 1);
      for (long o = offset; o <= upTo; o++) {
        sb.append(o > offset ? " + " : "").append(model.stored(o));
        total += model.stored(o);
      }
      sb.append(" bytes (20 + value length each); maxBytes = ").append(maxBytes)
          .append(": the first record always, then each next one while the total stays <= ")
          .append(maxBytes).append('.');
      if (expected[expected.length - 1] == last) {
        sb.append(" Segment ").append(s.base).append(" ends at offset ").append(last)
            .append(": a fetch never continues into the next segment.");
      }
      return sb.toString();
    }

    private static boolean consecutiveFrom(List<KafkaRecord> got, long offset) {
      for (int i = 0; i < got.size(); i++) {
        if (got.get(i) == null || got.get(i).offset() != offset + i) {
          return false;
        }
      }
      return true;
    }

    private long call(String what, LongSupplier f) {
      try {
        return f.getAsLong();
      } catch (RuntimeException e) {
        throw todoOr(e, threw(scenario() + ": " + what, e));
      }
    }

    private static RuntimeException todoOr(RuntimeException e, AssertionError failure) {
      if (e instanceof UnsupportedOperationException && e.getMessage() != null
          && e.getMessage().contains("TODO")) {
        return e;
      }
      throw failure;
    }

    static AssertionError threw(String call, RuntimeException e) {
      if (e instanceof UnsupportedOperationException && e.getMessage() != null
          && e.getMessage().contains("TODO")) {
        throw e;
      }
      return new AssertionError(call + " threw " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + where(e) + ".", e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The disk

  /** An in-memory disk that counts the bytes read from .log files. */
  static final class MemDisk implements Disk {
    private final TreeMap<String, Buf> files = new TreeMap<>();
    private long logBytesRead;

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
      Buf b = files.get(file);
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
      Buf b = files.get(file);
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
      files.put(requireName(file), new Buf(data.clone()));
    }

    @Override
    public void append(String file, byte[] data) {
      Buf b = files.get(requireName(file));
      if (b == null) {
        files.put(file, new Buf(data.clone()));
      } else {
        b.add(data);
      }
    }

    @Override
    public void delete(String file) {
      files.remove(file);
    }

    @Override
    public Set<String> files() {
      return Collections.unmodifiableSet(new TreeSet<>(files.keySet()));
    }

    @Override
    public void fsync() {}

    private void count(String file, int bytes) {
      if (file.endsWith(".log")) {
        logBytesRead += bytes;
      }
    }

    long logBytesRead() {
      return logBytesRead;
    }

    int fileCount() {
      return files.size();
    }

    Integer sizeOf(String file) {
      Buf b = files.get(file);
      return b == null ? null : b.length;
    }

    TreeMap<String, byte[]> snapshot() {
      TreeMap<String, byte[]> out = new TreeMap<>();
      files.forEach((n, b) -> out.put(n, Arrays.copyOf(b.data, b.length)));
      return out;
    }

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
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  static String fileName(long base, String suffix) {
    return String.format(Locale.ROOT, "%020d.%s", base, suffix);
  }

  private static String listing(TreeMap<Long, Integer> segments) {
    if (segments.isEmpty()) {
      return "none";
    }
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (Map.Entry<Long, Integer> e : segments.entrySet()) {
      if (i == 8 && segments.size() > 10) {
        sb.append(", ... (").append(segments.size() - 8).append(" more)");
        break;
      }
      sb.append(i++ > 0 ? ", " : "").append(String.format(Locale.ROOT, "%020d.log", e.getKey()))
          .append(": ").append(e.getValue());
    }
    return sb.toString();
  }

  private static String entries(byte[] index) {
    if (index.length == 0) {
      return "none";
    }
    StringBuilder sb = new StringBuilder();
    ByteBuffer buf = ByteBuffer.wrap(index);
    int n = 0;
    while (buf.remaining() >= 8) {
      if (n == 10) {
        sb.append(", ... (").append(index.length / 8 - 10).append(" more)");
        return sb.toString();
      }
      sb.append(n++ > 0 ? ", " : "").append('(').append(buf.getInt()).append(", ")
          .append(buf.getInt()).append(')');
    }
    if (buf.remaining() > 0) {
      sb.append(" and ").append(buf.remaining()).append(" stray bytes");
    }
    return sb.toString();
  }

  private static String offsetsOf(List<KafkaRecord> got) {
    if (got == null) {
      return "null";
    }
    if (got.isEmpty()) {
      return "an empty list";
    }
    long[] offsets = new long[got.size()];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = got.get(i) == null ? Long.MIN_VALUE : got.get(i).offset();
    }
    return "offsets " + range(offsets);
  }

  private static String range(long[] offsets) {
    boolean consecutive = true;
    for (int i = 1; i < offsets.length; i++) {
      consecutive &= offsets[i] == offsets[i - 1] + 1;
    }
    if (consecutive && offsets.length > 2) {
      return offsets[0] + " to " + offsets[offsets.length - 1];
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(offsets.length, 12); i++) {
      sb.append(i > 0 ? ", " : "").append(offsets[i] == Long.MIN_VALUE ? "null"
          : Long.toString(offsets[i]));
    }
    if (offsets.length > 12) {
      sb.append(", ... (").append(offsets.length).append(" in all)");
    }
    return sb.toString();
  }

  private static String bytes(long n) {
    return n + (n == 1 ? " byte" : " bytes");
  }

  private static String hex(byte[] b, int from) {
    if (b == null) {
      return "null";
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
      sb.append(" ... (").append(b.length).append(" bytes)");
    }
    return sb.toString();
  }

  private static String where(Throwable e) {
    for (StackTraceElement f : e.getStackTrace()) {
      if ("KafkaPartitionLog.java".equals(f.getFileName())) {
        return " at KafkaPartitionLog.java:" + f.getLineNumber() + " (in " + f.getMethodName()
            + ")";
      }
    }
    return "";
  }
}
