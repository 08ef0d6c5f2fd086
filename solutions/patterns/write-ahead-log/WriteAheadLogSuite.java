import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.calls;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.withSettings;

import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import dstutor.kit.Disk;
import dstutor.sim.CrashDisk;
import dstutor.sim.CrashDisk.PowerCut;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.mockito.AdditionalAnswers;
import org.mockito.InOrder;
import org.mockito.MockMakers;
import org.mockito.exceptions.base.MockitoAssertionError;
import org.mockito.invocation.Invocation;

/**
 * Hidden suite for the write-ahead-log exercise. The suite plays the server: it drives the
 * learner's log over a {@link CrashDisk} (dstutor.sim's disk whose power the suite cuts: the
 * simulator's disk model, plus the zero-filled tails of the brief), cuts the power at chosen disk
 * calls, and recovers with a new log object, as after a real crash.
 *
 * <p>Why a plain class and not a simulated node: the simulator crashes a node only between two
 * events, so a node that appends and fsyncs in one handler never has an unsynced tail when it
 * crashes, and recovery from a torn record would go untested. Cutting the power at each disk call
 * reaches every state a crash can leave.
 *
 * <p>Everything expected comes from the suite's own model of the log: the records passed to
 * append in order, how many of them were acknowledged or returned by a recovery (those must
 * survive), and what the disk kept after each cut. The suite never reads the learner's bytes
 * except to find which bytes a record added (property 6), so any framing passes. Each failure
 * tells the story of its run and names the rung of the hint ladder about its cause.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class WriteAheadLogSuite {
  // The rungs of the hint ladder (exercise.yaml).
  private static final String ACK = "fsync-before-ack";
  private static final String FRAME = "length-and-checksum";
  private static final String STOP = "stop-at-the-first-bad-record";
  private static final String CUT = "cut-the-torn-tail";
  private static final String TWICE = "recover-twice-is-once";
  private static final String COPIES = "own-copies";

  private static final String FILE = "wal";

  // ---------------------------------------------------------------------------------------------
  // 1. Round trip

  @Test
  @Order(1)
  @DisplayName("without a crash every record comes back in order, exactly as appended, numbered 0, 1, 2, ...")
  @Hint(FRAME)
  void roundTrip() {
    // An empty disk, and a disk whose log file exists but is empty.
    for (boolean emptyFile : new boolean[] {false, true}) {
      CrashDisk disk = new CrashDisk();
      String intro = emptyFile ? "A disk holding an empty file \"" + FILE + "\"" : "A new disk";
      if (emptyFile) {
        disk.write(FILE, new byte[0]);
        disk.fsync();
      }
      Session s = new Session(disk, intro);
      s.open();
      s.append(ascii("first"));
      s.sync();
      s.restart();
      s.open();
    }

    List<byte[]> records = new ArrayList<>();
    for (int size : new int[] {0, 1, 7, 255, 256, 65_535, 65_536}) {
      records.add(filler("size-" + size, size));
    }
    records.add(new byte[300]); // zeros
    records.add(new byte[0]);
    records.add(frameLike(ascii("a record inside a record")));
    records.add(frameLike(new byte[0]));
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 1; i <= 40; i++) {
      records.add(ascii("record-" + i));
    }
    for (int i = 0; i < 20; i++) {
      records.add(randomBytes(rnd, 1 + rnd.nextInt(500)));
    }
    records.add(ascii("record-3")); // the same record again
    records.add(filler("size-1000000", 1_000_000));
    records.add(new byte[0]); // an empty record last

    Session s = new Session(new CrashDisk(), "A new disk");
    s.open();
    int[] batches = {1, 2, 5, 1, 30, 10, 7};
    int i = 0;
    for (int b = 0; i < records.size(); b++) {
      int n = b < batches.length ? batches[b] : records.size() - i;
      for (int k = 0; k < n && i < records.size(); k++) {
        s.append(records.get(i++));
      }
      s.sync();
    }
    s.restart();
    s.open();
    s.append(ascii("after a restart"));
    s.append(new byte[0]);
    s.sync();
    s.restart();
    s.open();
  }

  // ---------------------------------------------------------------------------------------------
  // 2. Acknowledgements

  @Test
  @Order(2)
  @DisplayName("sync() acknowledges each record appended before it exactly once, in order, before it returns")
  @Hint(ACK)
  void syncAcknowledgesEachRecordOnce() {
    Session s = new Session(new CrashDisk(), "A new disk");
    s.open();
    s.sync(); // nothing to acknowledge
    int[] batches = {1, 3, 0, 7, 1, 20};
    int n = 0;
    for (int size : batches) {
      for (int k = 0; k < size; k++) {
        s.append(ascii("record-" + n++));
      }
      s.sync();
    }
    s.restart();
    s.open();
    s.sync(); // recovered records are not acknowledged
    s.append(ascii("record-" + n++));
    s.append(ascii("record-" + n));
    s.sync();
  }

  // ---------------------------------------------------------------------------------------------
  // 3. The order: write, fsync, acknowledge

  @Test
  @Order(3)
  @DisplayName("a record is acknowledged only after an fsync that follows its last write (Mockito InOrder)")
  @Hint(ACK)
  void acknowledgedOnlyAfterFsync() {
    CrashDisk real = new CrashDisk();
    // The learner gets a Mockito spy of the disk (it forwards every call to the real one) and an
    // Acknowledger that forwards to a mock: Mockito then knows the order of both.
    Disk disk = mock(Disk.class, withSettings().mockMaker(MockMakers.SUBCLASS)
        .defaultAnswer(AdditionalAnswers.delegatesTo(real)));
    LongConsumer acks = mock(LongConsumer.class, withSettings().mockMaker(MockMakers.SUBCLASS));
    WriteAheadLog log = Session.construct(disk, acks::accept, "new WriteAheadLog(disk, \"" + FILE
        + "\", acks)");
    Session.call("recover() on a new disk", FRAME, log::recover);
    int[] batches = {1, 2, 20, 1, 5, 1, 3};
    long seq = 0;
    for (int b = 0; b < batches.length; b++) {
      clearInvocations(disk, acks);
      long first = seq;
      for (int k = 0; k < batches[b]; k++) {
        byte[] r = ascii("record-" + seq);
        String what = "append(#" + seq + ")";
        Session.call(what, ACK, () -> log.append(r));
        seq++;
      }
      Session.run("sync()", ACK, log::sync);
      String batch = batches[b] == 1 ? "append(#" + first + ")"
          : "append(#" + first + ") to append(#" + (seq - 1) + ")";
      List<Invocation> calls = new ArrayList<>(mockingDetails(disk).getInvocations());
      calls.addAll(mockingDetails(acks).getInvocations());
      calls.sort(Comparator.comparingInt(Invocation::getSequenceNumber));
      for (long s = first; s < seq; s++) {
        verifyAckOrder(disk, acks, calls, s, "Batch " + (b + 1) + ": " + batch + ", then sync()");
      }
    }
  }

  /** Pins, with InOrder, the last disk change before acknowledge(s), then fsync, then the ack. */
  private static void verifyAckOrder(Disk disk, LongConsumer acks, List<Invocation> calls,
      long s, String batch) {
    int ack = -1;
    for (int i = 0; i < calls.size(); i++) {
      Invocation c = calls.get(i);
      if (c.getMock() == acks && ((Long) c.getArgument(0)) == s) {
        ack = i;
        break;
      }
    }
    if (ack < 0) {
      throw Because.of(ACK, batch + ": record #" + s + " was never acknowledged. Calls made: "
          + describeCalls(calls, acks) + ". sync() acknowledges every record appended before it.");
    }
    List<Invocation> changes = new ArrayList<>();
    for (int i = 0; i < ack; i++) {
      if (isChange(calls.get(i))) {
        changes.add(calls.get(i));
      }
    }
    if (changes.isEmpty()) {
      throw Because.of(ACK, batch + ": acknowledge(" + s + ") came before any change to the"
          + " disk: " + describeCalls(calls, acks) + ". Write the record, fsync, then"
          + " acknowledge.");
    }
    InOrder order = inOrder(disk, acks);
    try {
      for (Invocation c : changes) {
        switch (c.getMethod().getName()) {
          case "append" -> order.verify(disk, calls(1)).append(anyString(), any());
          case "write" -> order.verify(disk, calls(1)).write(anyString(), any());
          default -> order.verify(disk, calls(1)).delete(anyString());
        }
      }
      order.verify(disk, calls(1)).fsync();
      order.verify(acks, calls(1)).accept(s);
    } catch (MockitoAssertionError e) {
      throw Because.of(ACK, batch + ": acknowledge(" + s + ") came before an fsync of the"
          + " last change made before it. Your calls, in order: " + describeCalls(calls, acks)
          + ". A record is durable only when an fsync that follows its bytes has returned:"
          + " write, fsync(), then acknowledge.");
    }
  }

  private static boolean isChange(Invocation c) {
    String m = c.getMethod().getName();
    return c.getMock() instanceof Disk && (m.equals("append") || m.equals("write")
        || m.equals("delete"));
  }

  private static String describeCalls(List<Invocation> calls, Object acks) {
    List<String> out = new ArrayList<>();
    for (Invocation c : calls) {
      String m = c.getMethod().getName();
      if (c.getMock() == acks) {
        out.add("acknowledge(" + c.getArgument(0) + ")");
      } else if (m.equals("append") || m.equals("write")) {
        out.add(m + "(" + c.getArgument(0) + ", " + bytes(((byte[]) c.getArgument(1)).length)
            + ")");
      } else if (m.equals("delete") || m.equals("read")) {
        out.add(m + "(" + c.getArgument(0) + ")");
      } else {
        out.add(m + "()");
      }
    }
    return String.join(", ", out);
  }

  // ---------------------------------------------------------------------------------------------
  // 4. A torn tail, then more appends

  @Test
  @Order(4)
  @DisplayName("after a crash that tore the last record, recovery returns the records before it and new appends follow them")
  @Hint(CUT)
  void tornTailIsCutAndAppendsFollow() {
    // keep: how much of the torn change reached the disk, as a fraction of its length.
    double[] keeps = {0, 0.1, 0.25, 0.5, 0.99};
    for (boolean zeros : new boolean[] {false, true}) {
      for (double keep : keeps) {
        for (boolean cutAfterRecover : new boolean[] {false, true}) {
          Session s = new Session(new CrashDisk(), "A new disk");
          s.open();
          s.append(ascii("alpha"));
          s.append(ascii("bravo, a longer record than the first"));
          s.sync();
          s.append(ascii("charlie, torn by the crash"));
          // Cut the power at the fsync of the next sync(): charlie's bytes are all unsynced.
          s.cutAtNextFsync();
          s.sync();
          s.crash(0, keep, zeros);
          s.open();
          if (cutAfterRecover) {
            // Right after recover() returned: whatever it changed and did not fsync is torn.
            s.cutNow();
            s.crash(0, 0.5, zeros);
            s.open();
          }
          s.append(ascii("delta"));
          s.sync();
          s.restart();
          s.open();
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 5. Recover twice

  @Test
  @Order(5)
  @DisplayName("recover() twice equals recover() once, on one log object and on a new one, and changes nothing")
  @Hint(TWICE)
  void recoverTwiceIsOnce() {
    for (int scenario = 0; scenario < 3; scenario++) {
      Session s = new Session(new CrashDisk(), "A new disk");
      s.open();
      for (int i = 0; i < 5; i++) {
        s.append(ascii("record-" + i));
        s.sync(); // one record per sync, so that the suite knows each record's bytes
      }
      if (scenario == 1) {
        s.append(ascii("record-5, torn"));
        s.cutAtNextFsync();
        s.sync();
        s.crash(0, 0.5, true);
      } else if (scenario == 2) {
        s.restart();
        if (!s.flipBitInRecord(2, 0.5, 3)) {
          s.open(); // the crash lost acknowledged records: this reports it
        }
      } else {
        s.restart();
      }
      List<byte[]> first = scenario == 2 ? s.openExpecting(2) : s.open();
      Map<String, byte[]> after = s.disk.snapshot();
      s.recoverAgain(first, after, true);
      s.restart();
      s.recoverAgain(first, after, false);
      s.append(ascii("next"));
      s.sync();
      s.restart();
      s.open();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 6. Bit flips

  @Test
  @Order(6)
  @DisplayName("a bit flipped in a synced record: recovery returns exactly the records before it")
  @Hint(STOP)
  void bitFlipStopsRecovery() {
    Seeds.forEach(12, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
      int n = seed == 1 ? 3 : 4 + rnd.nextInt(6);
      List<byte[]> records = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int size = switch (i % 4) {
          case 0 -> rnd.nextInt(3);
          case 1 -> 5 + rnd.nextInt(40);
          case 2 -> 200 + rnd.nextInt(600);
          default -> rnd.nextInt(3000);
        };
        records.add(rnd.nextInt(4) == 0 ? randomBytes(rnd, size) : filler("r" + i, size));
      }
      for (int target = 0; target < n; target++) {
        // The record's first four bytes (a length, often), its last byte and one at random.
        double[] where = {0, 1, -1, -2, -3, rnd.nextDouble()};
        for (double w : where) {
          Session s = new Session(new CrashDisk(), "Seed " + seed + ": a new disk");
          s.open();
          for (byte[] r : records) {
            s.append(r);
            s.sync();
          }
          s.restart();
          if (!s.flipBitInRecord(target, w, rnd.nextInt(8))) {
            s.open(); // the crash lost acknowledged records: this reports it
          }
          s.openExpecting(target);
          s.append(ascii("after the damage"));
          s.sync();
          s.restart();
          s.open();
        }
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // 7. Copies

  @Test
  @Order(7)
  @DisplayName("the log keeps its own copies: changing an appended array, or what recover() returned, changes nothing")
  @Hint(COPIES)
  void ownCopies() {
    Session s = new Session(new CrashDisk(), "A new disk");
    s.open();
    byte[] buffer = new byte[24];
    for (int i = 0; i < 6; i++) {
      // One buffer, refilled for each record, as a server reusing its buffer does.
      byte[] content = ascii(String.format(Locale.ROOT, "reused buffer, record %d", i));
      System.arraycopy(content, 0, buffer, 0, Math.min(content.length, buffer.length));
      s.appendShared(buffer);
      if (i % 3 == 2) {
        s.sync();
      }
    }
    s.sync();
    s.restart();
    List<byte[]> got = s.open();
    for (byte[] r : got) {
      Arrays.fill(r, (byte) '#');
    }
    try {
      got.set(0, ascii("replaced by the caller"));
      got.remove(got.size() - 1);
      got.add(ascii("added by the caller"));
    } catch (UnsupportedOperationException e) {
      throw Because.of(COPIES, s.storyText() + "\nThe list recover() returned cannot be changed"
          + " (set, remove or add threw UnsupportedOperationException). Return a new,"
          + " modifiable list, such as an ArrayList.");
    }
    s.note("the caller filled every array recover() returned with '#', and replaced, removed and"
        + " added records in its list");
    s.recoverAfterCallerChanges();
    s.restart();
    s.open();
  }

  // ---------------------------------------------------------------------------------------------
  // 8. Every crash point

  @Test
  @Order(8)
  @DisplayName("a power cut at each disk call, with every survivor and torn length: recovery returns what it must, never a torn record")
  @Hint(FRAME)
  void everyCrashPoint() {
    byte[][] records = {ascii("alpha"), new byte[0], ascii("charlie is 23 bytes long"),
        new byte[] {0}};
    // How many disk calls the workload makes without a cut.
    Session probe = new Session(new CrashDisk(), "A new disk");
    probe.open();
    workload(probe, records, -1);
    int total = probe.disk.calls();
    for (int cut = 0; cut <= total; cut++) {
      Session s = new Session(new CrashDisk(), "A new disk");
      s.open();
      workload(s, records, cut);
      if (!s.disk.isOff()) {
        s.cutNow(); // after the last call: what the last sync did not cover
      }
      List<CrashDisk.Change> pending = s.disk.pending();
      for (int whole = 0; whole <= pending.size(); whole++) {
        int len = whole < pending.size() ? pending.get(whole).length() : 0;
        // keep = -1: nothing of the next change; else 0 .. len - 1 bytes of it, zeros or not.
        for (int keep = -1; keep < len; keep++) {
          for (boolean zeros : keep < 0 ? new boolean[] {false} : new boolean[] {false, true}) {
            Session t = s.copyAtCut();
            t.crashExactly(whole, keep, zeros);
            t.open();
            t.append(ascii("echo"));
            t.sync();
            t.restart();
            t.open();
          }
        }
      }
    }
  }

  /** Two batches: records 0 and 1, sync, records 2 and 3, sync; the power cut at call cut. */
  private static void workload(Session s, byte[][] records, int cut) {
    if (cut >= 0) {
      s.disk.cutAt(cut);
    }
    for (int i = 0; i < records.length && s.up(); i++) {
      s.append(records[i]);
      if (i % 2 == 1 && s.up()) {
        s.sync();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 9. Random runs

  @Test
  @Order(9)
  @DisplayName("300 seeded runs with power cuts anywhere: no acknowledged or recovered record is lost, none comes back torn or twice")
  @Hint(FRAME)
  void randomCrashes() {
    Seeds.forEach(300, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed * 0xBF58476D1CE4E5B9L + 7);
      Session s = new Session(new CrashDisk(), "Seed " + seed + ": a new disk");
      int incarnations = seed <= 3 ? (int) seed : 1 + rnd.nextInt(4);
      int tag = 0;
      for (int inc = 0; inc < incarnations; inc++) {
        s.open();
        int records = 10 + rnd.nextInt(seed <= 20 ? 10 : 51);
        // The power is cut at one of the calls this incarnation makes, or, if it makes fewer,
        // after its last call.
        int cut = rnd.nextInt(4) == 0 ? rnd.nextInt(3) : rnd.nextInt(2 * records + 8);
        s.disk.cutAt(s.disk.calls() + cut);
        int appended = 0;
        while (appended < records && s.up()) {
          int batch = 1 + rnd.nextInt(12);
          for (int k = 0; k < batch && appended < records && s.up(); k++) {
            s.append(randomRecord(rnd, inc + "." + tag++));
            appended++;
          }
          if (s.up() && (appended < records || rnd.nextBoolean())) {
            s.sync();
          }
        }
        if (s.up()) {
          s.cutNow();
        }
        int n = s.disk.pending().size();
        int whole = rnd.nextInt(n + 1);
        int keep = -1;
        if (whole < n && rnd.nextInt(10) < 7) {
          int len = s.disk.pending().get(whole).length();
          if (len > 0) {
            keep = rnd.nextBoolean() ? rnd.nextInt(Math.min(len, 12)) : rnd.nextInt(len);
          }
        }
        s.crashExactly(whole, keep, rnd.nextBoolean());
      }
      s.open();
    });
  }

  // ---------------------------------------------------------------------------------------------
  // The run: the learner's log, the model, the story

  /** What the suite knows of one record of the log. */
  static final class Rec {
    final byte[] data;
    /** The disk's change count when its append began. */
    final int appendStart;
    /** The incarnation (log object) that appended it. */
    final int appendedBy;
    boolean acknowledged;
    /** The caller changed the array after append returned. */
    boolean overwritten;
    /** Acknowledged while changes made since its append began were not fsynced. */
    boolean ackedUnsynced;

    Rec(byte[] data, int appendStart, int appendedBy) {
      this.data = data;
      this.appendStart = appendStart;
      this.appendedBy = appendedBy;
    }
  }

  /**
   * One disk and the logs that live on it, one per incarnation, with the suite's model: the
   * records appended in order and how many of them must survive, and the story of the run.
   */
  static final class Session {
    final CrashDisk disk;
    private final List<String> story = new ArrayList<>();
    /** The records of the log in sequence order: recovered, then appended since. */
    private final List<Rec> log = new ArrayList<>();
    /** How many records must survive: acknowledged, or returned by a recovery. */
    private int mustKeep;
    /** How many records the last recovery returned. */
    private int recovered;
    private WriteAheadLog wal;
    private int incarnation;
    private boolean down = true;
    /** The next sequence number the log should acknowledge; -1 during recover(). */
    private long nextAck = -1;
    /**
     * Whether the file may hold bytes after its last good record: a crash left unsynced bytes,
     * or a bit was flipped, and no recover() has changed the disk since.
     */
    private boolean dirty;
    /** Per incarnation: whether its recover() left the file {@link #dirty}. */
    private final Map<Integer, Boolean> leftDirty = new TreeMap<>();
    /** The last crash tore or dropped a write() made outside recover(). */
    private boolean crashHitWrite;
    /** The disk's change counts before and after the last recover(). */
    private int recoverFrom = -1;
    private int recoverTo = -1;
    /** The last crash lost or tore a change that recover() had made and not fsynced. */
    private boolean crashHitRecoverChanges;
    private boolean lastCrashLeftBytes;
    private boolean lastCrashZeros;
    /** The last call was a second recover() on the same object. */
    private boolean recoveredTwice;
    /** Bytes each record added to the files, when it was appended and synced alone. */
    private final Map<Integer, CrashDisk.Extent> extents = new TreeMap<>();
    private Map<String, Integer> sizesBeforeBatch;
    private int batchFirst;
    private String pendingLine;
    private int lineAppends;

    Session(CrashDisk disk, String intro) {
      this.disk = disk;
      story.add(intro + ":");
    }

    // ---- calling the learner's code ----

    static WriteAheadLog construct(Disk disk, DurableLog.Acknowledger acks, String call) {
      try {
        return new WriteAheadLog(disk, FILE, acks);
      } catch (RuntimeException e) {
        throw threw(call, e, FRAME, "");
      }
    }

    interface Call<T> {
      T run();
    }

    static <T> T call(String what, String hint, Call<T> body) {
      try {
        return body.run();
      } catch (RuntimeException e) {
        throw threw(what, e, hint, "");
      }
    }

    static void run(String what, String hint, Runnable body) {
      try {
        body.run();
      } catch (RuntimeException e) {
        throw threw(what, e, hint, "");
      }
    }

    private WriteAheadLog newLog() {
      incarnation++;
      flushLine();
      WriteAheadLog w = construct(disk, this::acknowledged, "log " + incarnation
          + ": new WriteAheadLog(disk, \"" + FILE + "\", acks)");
      down = false;
      nextAck = -1;
      recoveredTwice = false;
      return w;
    }

    /** A new log object over the disk, recover(), and a check of what it returned. */
    List<byte[]> open() {
      return openExpecting(-1);
    }

    /**
     * Like {@link #open()}; with {@code exactly} >= 0 recovery must return exactly that many
     * records (a bit was flipped in record {@code exactly}).
     */
    List<byte[]> openExpecting(int exactly) {
      wal = newLog();
      disk.disarm(); // the power is never cut inside recover()
      int before = disk.changes();
      List<byte[]> got;
      try {
        got = wal.recover();
      } catch (PowerCut e) {
        throw new AssertionError("the suite cut the power inside recover()", e);
      } catch (RuntimeException e) {
        throw threw("log " + incarnation + ": recover()", e, FRAME, storyText());
      }
      swallowed("recover()");
      afterRecover(before);
      if (got == null) {
        throw Because.of(FRAME, storyText() + "\nlog " + incarnation + ": recover() returned"
            + " null; expected a list of the records (an empty list for an empty log).");
      }
      story.add("log " + incarnation + ": recover() -> " + describeList(got));
      checkRecovered(got, exactly);
      log.subList(got.size(), log.size()).clear();
      mustKeep = got.size();
      recovered = got.size();
      nextAck = got.size();
      return got;
    }

    /** Bookkeeping after a recover() that began at change {@code before}. */
    private void afterRecover(int before) {
      recoverFrom = before;
      recoverTo = disk.changes();
      dirty = (dirty || lastCrashLeftBytes) && recoverTo == before;
      lastCrashLeftBytes = false;
      leftDirty.put(incarnation, dirty);
    }

    /** Checks a recovery's result against the model, naming the hint about its cause. */
    private void checkRecovered(List<byte[]> got, int exactly) {
      for (int j = 0; j < got.size(); j++) {
        byte[] r = got.get(j);
        if (r == null) {
          throw Because.of(FRAME, storyText() + "\nrecover() returned null as record #" + j
              + ".");
        }
        if (j >= log.size()) {
          throw Because.of(FRAME, storyText() + "\nrecover() returned " + got.size()
              + " records, but only " + log.size() + " were ever appended: #" + j + " "
              + describe(r) + " is not one of them."
              + (allZero(r) ? " Zeros where a torn record was are not a record: a checksum"
                  + " over the length and the data rejects them (CRC-32C of no bytes is 0, so"
                  + " a checksum of the data alone passes an all-zero header)."
                  : " Take a record only when its whole frame is there and its checksum"
                  + " matches."));
        }
        byte[] want = log.get(j).data;
        if (!Arrays.equals(r, want)) {
          throw wrongRecord(j, r, want);
        }
      }
      if (exactly >= 0 && got.size() > exactly) {
        throw Because.of(STOP, storyText() + "\nrecover() returned " + got.size()
            + " records; expected exactly the " + exactly + " before the damaged record #"
            + exactly + ", which it left out. Recovery stops at the first record that is not"
            + " intact, even when later bytes look like good records: a log with a hole is"
            + " worse than a shorter one.");
      }
      int need = exactly >= 0 ? exactly : mustKeep;
      if (got.size() < need) {
        throw lost(got.size(), need, exactly >= 0);
      }
    }

    private AssertionError wrongRecord(int j, byte[] r, byte[] want) {
      String head = storyText() + "\nrecover() returned " + describe(r) + " as record #" + j
          + "; record #" + j + " is " + describe(want) + ".";
      if (log.get(j).overwritten) {
        return Because.of(COPIES, head + " The caller changed its array after append(#" + j
            + ") returned, and the log holds the changed bytes: keep a copy of the record (or"
            + " frame it at once), never the caller's array.");
      }
      if (want.length == 0 && j + 1 < log.size() && Arrays.equals(r, log.get(j + 1).data)) {
        return Because.of(FRAME, head + " That is record #" + (j + 1) + ": the empty record #" + j
            + " is missing. A record of 0 bytes is a record: it has a frame like any other"
            + " (a header with length 0), and a sequence number.");
      }
      // An empty or all-zero record matches many; zeros and torn frames explain it better.
      for (int k = 0; k < log.size() && r.length > 0 && !allZero(r); k++) {
        if (k != j && Arrays.equals(r, log.get(k).data)) {
          if (k > j) {
            return Because.of(STOP, head + " That is record #" + k + ": recovery skipped #" + j
                + (k > j + 1 ? " to #" + (k - 1) : "") + ". Stop at the first bad record and"
                + " return none after it.");
          }
          return Because.of(TWICE, head + " That is record #" + k + " again: records came"
              + " back twice or out of order.");
        }
      }
      if (r.length == 0 && !lastCrashZeros && want.length > 0) {
        return Because.of(STOP, head + " Its frame was torn by the crash before any of its data"
            + " reached the disk. Stop before a record whose bytes are not all there, and do"
            + " not return it.");
      }
      if ((r.length == 0 || allZero(r)) && !allZero(want)) {
        return Because.of(FRAME, head + " Zeros where a torn record was are not a record: a"
            + " checksum over the length and the data rejects them (CRC-32C of no bytes is 0, so"
            + " a checksum of the data alone passes an all-zero header).");
      }
      if (r.length < want.length && Arrays.equals(r, Arrays.copyOf(want, r.length))) {
        return Because.of(STOP, head + " That is its beginning: a record torn by the crash."
            + " Stop before a record whose bytes are not all there, and do not return it.");
      }
      if (r.length == want.length && bitsDiffering(r, want) == 1) {
        return Because.of(FRAME, head + " They differ in one bit, the bit the suite flipped:"
            + " check every record's checksum, and stop at the first that does not match.");
      }
      return Because.of(FRAME, head + " Take a record only when its whole frame is there and"
          + " its checksum matches.");
    }

    private AssertionError lost(int got, int need, boolean afterFlip) {
      String head = storyText() + "\nrecover() returned " + got + " record"
          + (got == 1 ? "" : "s") + "; expected " + (afterFlip ? "exactly " : "at least ")
          + need + ".";
      if (afterFlip) {
        return Because.of(FRAME, head + " Record #" + got + " comes before the damaged one and"
            + " is intact: recovery stopped at a good record. Check how you compare lengths and"
            + " checksums.");
      }
      Rec r = log.get(got);
      String which = "Record #" + got + " was " + (r.acknowledged ? "acknowledged"
          : "returned by an earlier recover()") + ", so it must survive";
      if (r.ackedUnsynced) {
        return Because.of(ACK, head + " Record #" + got + " was acknowledged while changes your"
            + " log made after append(#" + got + ") began were not yet fsynced, and the power"
            + " cut lost them. Acknowledge only after an fsync that follows the record's"
            + " bytes.");
      }
      if (crashHitRecoverChanges) {
        return Because.of(CUT, head + " " + which + ". But recover() changed the disk and"
            + " returned without an fsync, and the power cut came before the next fsync and"
            + " tore that change. fsync the cut before recover() returns.");
      }
      if (crashHitWrite) {
        return Because.of(ACK, head + " " + which + ". The power cut tore a write() that"
            + " replaced the whole file, and took the records that were in it. Add records with"
            + " disk.append: a crash can tear what you write, never what you fsynced before.");
      }
      int in = r.appendedBy;
      if (leftDirty.getOrDefault(in, false)) {
        return Because.of(CUT, head + " " + which + ". It was appended by log " + in
            + ", whose recover() left the file as the crash had left it, with bytes after the"
            + " last record it returned; the new records went after those bytes, and recovery"
            + " stops before them. Cut the file right after the last record you return.");
      }
      if (r.data.length == 0) {
        return Because.of(FRAME, head + " " + which + ", and it is empty: a record of 0 bytes"
            + " is a record, with a frame like any other (a header with length 0), written and"
            + " recovered like the rest.");
      }
      return Because.of(FRAME, head + " " + which + ": its bytes were fsynced, yet recovery"
          + " stopped before it, at a good record. Check how you compare lengths and"
          + " checksums.");
    }

    long append(byte[] record) {
      return append(record, record.clone(), "");
    }

    /** append(shared); then the caller overwrites shared, as a server reusing a buffer does. */
    long appendShared(byte[] shared) {
      long seq = append(shared, shared.clone(), " (then the caller overwrote the array)");
      Arrays.fill(shared, (byte) '?');
      log.get(log.size() - 1).overwritten = true;
      return seq;
    }

    private long append(byte[] given, byte[] model, String after) {
      long expected = log.size();
      if (sizesBeforeBatch == null) {
        sizesBeforeBatch = disk.sizes();
        batchFirst = log.size();
      }
      log.add(new Rec(model, disk.changes(), incarnation));
      addToStory(expected, model, after);
      long seq;
      try {
        seq = wal.append(given);
      } catch (PowerCut e) {
        cutDuring("append(#" + expected + ")");
        return -1;
      } catch (RuntimeException e) {
        throw threw("log " + incarnation + ": append(#" + expected + " " + describe(model)
            + ")", e, FRAME, storyText());
      }
      swallowed("append(#" + expected + ")");
      if (seq != expected) {
        String why = expected == 0 && recovered == 0 && incarnation == 1
            ? " The first record of a log is number 0."
            : " The records before it are " + (expected == 0 ? "none" : expected == 1 ? "#0"
                : "#0 to #" + (expected - 1)) + ", so it is number " + expected + ": after recover()"
                + " returned n records, the next append returns n, then n + 1, ...";
        throw Because.of(recoveredTwice ? TWICE : CUT, storyText() + "\nappend returned " + seq
            + " for this record; expected " + expected + "." + why);
      }
      return seq;
    }

    void sync() {
      flushLine();
      long from = nextAck;
      try {
        wal.sync();
      } catch (PowerCut e) {
        cutDuring("sync()");
        return;
      } catch (RuntimeException e) {
        throw threw("log " + incarnation + ": sync()", e, ACK, storyText());
      }
      swallowed("sync()");
      story.add("log " + incarnation + ": sync() -> " + describeAcks(from));
      if (nextAck != log.size()) {
        throw Because.of(ACK, storyText() + "\nsync() returned, but record #" + nextAck
            + (log.size() - nextAck > 1 ? " to #" + (log.size() - 1) + " were" : " was")
            + " not acknowledged. sync() acknowledges every record appended before it, before"
            + " it returns.");
      }
      if (sizesBeforeBatch != null && log.size() == batchFirst + 1) {
        CrashDisk.Extent e = disk.grownSince(sizesBeforeBatch);
        if (e != null) {
          extents.put(batchFirst, e);
        }
      }
      sizesBeforeBatch = null;
    }

    private String describeAcks(long from) {
      if (nextAck == from) {
        return "acknowledged nothing";
      }
      return "acknowledged #" + from + (nextAck - 1 > from ? " to #" + (nextAck - 1) : "");
    }

    /** The learner's log called acknowledge(s). */
    private void acknowledged(long s) {
      if (down) {
        throw Because.of(ACK, storyText() + "\nacknowledge(" + s + ") was called after the"
            + " power cut.");
      }
      if (nextAck < 0 || s != nextAck || s >= log.size()) {
        flushLine();
        String expected;
        if (nextAck < 0) {
          expected = "no acknowledgement inside recover(): the records it finds were written by"
              + " an earlier log, and are never acknowledged";
        } else if (nextAck >= log.size()) {
          expected = "none, since every record appended so far was acknowledged already";
        } else {
          expected = "acknowledge(" + nextAck + "): each record once, in sequence order";
        }
        if (nextAck >= 0 && s >= 0 && s < nextAck) {
          expected += ". Record #" + s + " was " + (s < recovered ? "returned by recover(),"
              + " not appended by this log" : "acknowledged already");
        } else if (s >= log.size()) {
          expected += ". No record #" + s + " was appended";
        }
        throw Because.of(ACK, storyText() + "\nyour log called acknowledge(" + s + ");"
            + " expected " + expected + ".");
      }
      Rec r = log.get((int) s);
      r.acknowledged = true;
      r.ackedUnsynced = disk.pendingSince(r.appendStart) > 0;
      nextAck++;
      mustKeep = Math.max(mustKeep, (int) nextAck);
    }

    /** The learner's call threw PowerCut: this incarnation is over. */
    private void cutDuring(String call) {
      down = true;
      flushLine();
      story.add("log " + incarnation + ": " + call + " -> the power went off at disk call "
          + disk.describeCut() + unsynced());
    }

    /** After a call returned normally, the power must still be on. */
    private void swallowed(String call) {
      if (disk.isOff()) {
        down = true;
        flushLine();
        throw Because.of(FRAME, storyText() + "\n" + call + " returned normally after the"
            + " power was cut: your code caught the PowerCut error. Let it propagate.");
      }
    }

    boolean up() {
      return !down;
    }

    /** Cuts the power now, between calls. */
    void cutNow() {
      flushLine();
      disk.cutNow();
      down = true;
      story.add("the power went off between calls" + unsynced());
    }

    /** "; left unsynced: append(wal, 16 bytes), ...", or "; nothing was left unsynced". */
    private String unsynced() {
      String changes = disk.describePending();
      return changes.isEmpty() ? "; nothing was left unsynced" : "; left unsynced: " + changes;
    }

    /** Arms the disk to cut the power at the learner's next fsync. */
    void cutAtNextFsync() {
      disk.cutAtNextFsync();
    }

    /** Power off between calls and back on: only what was not fsynced is lost. */
    void restart() {
      crashExactly(0, -1, false);
    }

    /**
     * The crash: of the changes since the last fsync, the first {@code whole} survive; then
     * {@code keep} bytes of the next one (nothing if -1), followed by zeros to its full length if
     * {@code zeros}.
     */
    void crashExactly(int whole, int keep, boolean zeros) {
      if (!down) {
        cutNow();
      }
      flushLine();
      crashHitRecoverChanges = false;
      crashHitWrite = false;
      List<CrashDisk.Change> pending = disk.pending();
      for (int i = whole; i < pending.size(); i++) {
        int c = pending.get(i).index();
        if (c >= recoverFrom && c < recoverTo) {
          crashHitRecoverChanges = true;
        } else if (pending.get(i).kind() == CrashDisk.Kind.WRITE) {
          crashHitWrite = true;
        }
      }
      lastCrashLeftBytes = whole > 0 || keep > 0 || (keep == 0 && zeros);
      lastCrashZeros = whole < disk.pending().size() && keep >= 0 && zeros;
      story.add("crash: " + disk.crash(whole, keep, zeros));
      sizesBeforeBatch = null;
    }

    /** Crash with {@code keep} as a fraction of the length of unsynced change {@code whole}. */
    void crash(int whole, double keep, boolean zeros) {
      List<CrashDisk.Change> pending = disk.pending();
      int k = -1;
      if (whole < pending.size()) {
        int len = pending.get(whole).length();
        k = len == 0 ? -1 : (int) Math.min(len - 1, Math.floor(keep * len));
      }
      crashExactly(whole, k, zeros);
    }

    /** A copy of this session at a power cut, to try one way the crash can go. */
    Session copyAtCut() {
      Session t = new Session(disk.copy(), "");
      t.story.clear();
      t.story.addAll(story);
      for (Rec r : log) {
        Rec c = new Rec(r.data, r.appendStart, r.appendedBy);
        c.acknowledged = r.acknowledged;
        c.ackedUnsynced = r.ackedUnsynced;
        c.overwritten = r.overwritten;
        t.log.add(c);
      }
      t.mustKeep = mustKeep;
      t.recovered = recovered;
      t.incarnation = incarnation;
      t.dirty = dirty;
      t.leftDirty.putAll(leftDirty);
      t.recoverFrom = recoverFrom;
      t.recoverTo = recoverTo;
      t.down = true;
      return t;
    }

    /**
     * Flips bit {@code bit} of a byte among those record {@code r} added to the disk; false if
     * those bytes are gone (a crash lost them: the next recovery reports it).
     */
    boolean flipBitInRecord(int r, double where, int bit) {
      CrashDisk.Extent e = extents.get(r);
      if (e != null && !disk.holds(e)) {
        return false;
      }
      if (e == null) {
        throw Because.of(STOP, storyText() + "\nThe suite could not find the bytes of record #"
            + r + ": no file grew during its append and sync. Append each record's bytes to"
            + " the log file.");
      }
      // where: a fraction of the record's bytes, or -k for byte k (in the header, often).
      int at = where < 0 ? (int) -where : (int) Math.floor(where * e.length());
      at = Math.min(e.length() - 1, at);
      disk.flip(e.file(), e.from() + at, bit);
      dirty = true;
      story.add("the suite flipped bit " + bit + " of byte " + at + " of the " + bytes(e.length())
          + " record #" + r + " added to " + e.file() + " (byte " + (e.from() + at)
          + " of the file)");
      return true;
    }

    /** recover() again; it must return {@code first} and leave the files as {@code after}. */
    void recoverAgain(List<byte[]> first, Map<String, byte[]> after, boolean sameObject) {
      String which = sameObject ? "on the same log object" : "on a new log object";
      if (!sameObject) {
        wal = newLog();
      }
      disk.disarm();
      int before = disk.changes();
      List<byte[]> again;
      try {
        again = wal.recover();
      } catch (RuntimeException e) {
        throw threw("log " + incarnation + ": recover() again, " + which, e, TWICE,
            storyText());
      }
      if (!sameObject) {
        afterRecover(before);
      }
      story.add("log " + incarnation + ": recover() again, " + which + " -> "
          + (again == null ? "null" : describeList(again)));
      if (again == null || !sameRecords(first, again)) {
        throw Because.of(TWICE, storyText() + "\nThe first recover() returned "
            + describeList(first) + ", the second " + (again == null ? "null"
            : describeList(again)) + ". Build each result from the disk alone, into a new"
            + " list: a second call returns the same records.");
      }
      String diff = diffFiles(after, disk.snapshot());
      if (diff != null) {
        throw Because.of(TWICE, storyText() + "\nThe second recover() changed the disk: "
            + diff + ". After the first recovery the log is clean, and recovering it again"
            + " changes nothing.");
      }
      recoveredTwice = sameObject;
      nextAck = first.size();
    }

    /** recover() again on the same object, after the caller changed the first result. */
    void recoverAfterCallerChanges() {
      List<byte[]> want = new ArrayList<>();
      for (Rec r : log) {
        want.add(r.data);
      }
      disk.disarm();
      List<byte[]> again;
      try {
        again = wal.recover();
      } catch (RuntimeException e) {
        throw threw("log " + incarnation + ": recover() again", e, COPIES, storyText());
      }
      story.add("log " + incarnation + ": recover() again -> " + (again == null ? "null"
          : describeList(again)));
      if (again == null || !sameRecords(want, again)) {
        boolean twice = again != null && again.size() > want.size();
        throw Because.of(twice ? TWICE : COPIES, storyText() + "\nExpected " + describeList(want)
            + " again." + (twice ? " The second call returned more records than the first."
            : " What the caller did to the first result must not reach the log: return new"
            + " arrays in a new list, and keep none of them."));
      }
      nextAck = want.size();
    }

    void note(String text) {
      flushLine();
      story.add(text);
    }

    // ---- the story ----

    private void addToStory(long seq, byte[] r, String after) {
      String item = "#" + seq + " " + describe(r) + after;
      if (pendingLine == null) {
        pendingLine = "log " + incarnation + ": append " + item;
        lineAppends = 1;
      } else if (lineAppends < 5) {
        pendingLine += ", " + item;
        lineAppends++;
      } else {
        int cut = pendingLine.indexOf(", ... ");
        if (cut >= 0) {
          pendingLine = pendingLine.substring(0, cut);
        }
        pendingLine += ", ... #" + seq + " " + describe(r) + after;
        lineAppends++;
      }
    }

    private void flushLine() {
      if (pendingLine != null) {
        story.add(pendingLine);
        pendingLine = null;
      }
    }

    String storyText() {
      flushLine();
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < story.size(); i++) {
        b.append(i == 0 ? "" : "\n  ").append(story.get(i));
      }
      return b.toString();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static AssertionError threw(String call, RuntimeException e, String hint,
      String story) {
    if (e instanceof UnsupportedOperationException && e.getMessage() != null
        && e.getMessage().contains("TODO")) {
      throw e;
    }
    String text = (story.isEmpty() ? "" : story + "\n") + call + " threw "
        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
        + where(e) + ".";
    if (hint.equals(FRAME) && (e instanceof IndexOutOfBoundsException
        || e instanceof java.nio.BufferUnderflowException
        || e instanceof NegativeArraySizeException || e instanceof IllegalArgumentException)) {
      text += " Before reading a header, check that a whole one is left; before taking a record,"
          + " check that its length is not negative and fits in what is left of the file.";
    }
    return Because.of(hint, text, e);
  }

  /** " at WriteAheadLog.java:12 (in recover)" for the learner's frame nearest the throw. */
  private static String where(Throwable e) {
    for (StackTraceElement f : e.getStackTrace()) {
      if ("WriteAheadLog".equals(f.getClassName())) {
        return " at WriteAheadLog.java:" + f.getLineNumber() + " (in " + f.getMethodName() + ")";
      }
    }
    return "";
  }

  private static boolean sameRecords(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static String diffFiles(Map<String, byte[]> before, Map<String, byte[]> after) {
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String f : names) {
      byte[] a = before.get(f);
      byte[] b = after.get(f);
      if (a == null) {
        return f + " was created (" + bytes(b.length) + ")";
      }
      if (b == null) {
        return f + " was deleted";
      }
      if (!Arrays.equals(a, b)) {
        return f + " went from " + bytes(a.length) + " to " + bytes(b.length)
            + (a.length == b.length ? " with other contents" : "");
      }
    }
    return null;
  }

  private static int bitsDiffering(byte[] a, byte[] b) {
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      n += Integer.bitCount((a[i] ^ b[i]) & 0xff);
    }
    return n;
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code tag}, then letters, to {@code size} bytes (cut short if size is below the tag's). */
  static byte[] filler(String tag, int size) {
    byte[] b = new byte[size];
    byte[] t = ascii(tag + ":");
    for (int i = 0; i < size; i++) {
      b[i] = i < t.length ? t[i] : (byte) ('a' + (i * 7 + i / 26) % 26);
    }
    return b;
  }

  static byte[] randomBytes(SplittableRandom rnd, int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) rnd.nextInt(256);
    }
    return b;
  }

  /** Bytes that look like a log frame: a length, a CRC-32C of length and data, the data. */
  static byte[] frameLike(byte[] data) {
    byte[] f = new byte[8 + data.length];
    f[0] = (byte) (data.length >>> 24);
    f[1] = (byte) (data.length >>> 16);
    f[2] = (byte) (data.length >>> 8);
    f[3] = (byte) data.length;
    System.arraycopy(data, 0, f, 8, data.length);
    CRC32C crc = new CRC32C();
    crc.update(f, 0, 4);
    crc.update(data);
    int c = (int) crc.getValue();
    f[4] = (byte) (c >>> 24);
    f[5] = (byte) (c >>> 16);
    f[6] = (byte) (c >>> 8);
    f[7] = (byte) c;
    return f;
  }

  /** A record for the random runs: mostly small text, sometimes zeros, noise or big. */
  static byte[] randomRecord(SplittableRandom rnd, String tag) {
    int kind = rnd.nextInt(100);
    int size;
    if (kind < 30) {
      size = rnd.nextInt(17);
    } else if (kind < 75) {
      size = 17 + rnd.nextInt(184);
    } else if (kind < 93) {
      size = 200 + rnd.nextInt(1800);
    } else if (kind < 99) {
      size = 2000 + rnd.nextInt(8000);
    } else {
      size = 10_000 + rnd.nextInt(60_000);
    }
    int content = rnd.nextInt(100);
    if (content < 8) {
      return new byte[size];
    }
    if (content < 20) {
      return randomBytes(rnd, size);
    }
    if (content < 28) {
      return frameLike(filler("inner " + tag, Math.max(0, size - 8)));
    }
    return filler("r" + tag, size);
  }

  static String bytes(int n) {
    return String.format(Locale.ROOT, "%,d byte%s", n, n == 1 ? "" : "s");
  }

  /** A record as the learner can recognise it: its text, or its size and first bytes. */
  static String describe(byte[] r) {
    if (r.length == 0) {
      return "(0 bytes)";
    }
    if (allZero(r)) {
      return "(" + bytes(r.length) + ", all zero)";
    }
    boolean text = true;
    for (byte x : r) {
      if (x < 32 || x > 126) {
        text = false;
        break;
      }
    }
    if (text) {
      String s = new String(r, StandardCharsets.US_ASCII);
      return s.length() <= 32 ? "\"" + s + "\"" : "\"" + s.substring(0, 24) + "...\" ("
          + bytes(r.length) + ")";
    }
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < Math.min(6, r.length); i++) {
      hex.append(String.format(Locale.ROOT, " %02x", r[i] & 0xff));
    }
    return "(" + bytes(r.length) + ":" + hex + (r.length > 6 ? " ..." : "") + ")";
  }

  static String describeList(List<byte[]> records) {
    if (records.isEmpty()) {
      return "no records";
    }
    if (records.size() <= 4) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        items.add("#" + i + " " + describe(records.get(i)));
      }
      return String.join(", ", items);
    }
    return records.size() + " records, #0 " + describe(records.get(0)) + " to #"
        + (records.size() - 1) + " " + describe(records.get(records.size() - 1));
  }
}
