package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.Because;
import dstutor.kit.Disk;
import dstutor.sim.SimDisk;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The write-ahead-log hidden suite judged where its verdicts depend on its own machinery: the
 * disk it crashes must tear writes the way the simulator's disk does (the kit's model, which the
 * brief extends only with zero-filled tails), and its per-cause diagnoses must name the cause. The
 * suite runs in this JVM, compiled in memory with the reference or a variant.
 */
class WriteAheadLogSuiteTest {
  private static final String ID = "write-ahead-log";

  @Test
  void theSuitesDiskCanEndEveryWayTheSimulatorsDiskDoes() throws Exception {
    Class<?> suite = compile(null);
    Class<?> crashDisk = suite.getClassLoader().loadClass("WriteAheadLogSuite$CrashDisk");
    Constructor<?> make = crashDisk.getDeclaredConstructor();
    make.setAccessible(true);
    Method crash = crashDisk.getDeclaredMethod("crash", int.class, int.class, boolean.class);
    Method copy = crashDisk.getDeclaredMethod("copy");
    Method pending = crashDisk.getDeclaredMethod("pending");
    crash.setAccessible(true);
    copy.setAccessible(true);
    pending.setAccessible(true);
    Method simCrash = SimDisk.class.getDeclaredMethod("crash", boolean.class, long.class);
    simCrash.setAccessible(true);

    SplittableRandom rnd = new SplittableRandom(9);
    for (int run = 0; run < 40; run++) {
      List<Object[]> ops = randomOps(rnd);
      Disk ours = (Disk) make.newInstance();
      apply(ours, ops);
      // Every way the suite's disk can end without zeros: whole changes, then keep bytes.
      List<Map<String, String>> endings = new ArrayList<>();
      int n = ((List<?>) pending.invoke(ours)).size();
      for (int whole = 0; whole <= n; whole++) {
        int len = whole < n ? length(((List<?>) pending.invoke(ours)).get(whole)) : 0;
        for (int keep = -1; keep < len; keep++) {
          Disk d = (Disk) copy.invoke(ours);
          crash.invoke(d, whole, keep, false);
          endings.add(contents(d));
        }
      }
      for (long bits = 0; bits < 30; bits++) {
        for (boolean tear : new boolean[] {false, true}) {
          SimDisk sim = new SimDisk();
          apply(sim, ops);
          simCrash.invoke(sim, tear, bits * 0x9E3779B97F4A7C15L);
          Map<String, String> simEnd = contents(sim);
          assertTrue(endings.contains(simEnd), "run " + run + ": ops " + describe(ops)
              + ", SimDisk crash(" + tear + ", " + bits + ") left " + simEnd
              + ", which the suite's disk cannot: " + endings);
        }
      }
    }
  }

  @Test
  void anAcknowledgementBeforeItsFsyncIsShownWithTheCallsInOrder() throws Exception {
    Throwable t = run(compile("wrong/ack-before-fsync"), "acknowledgedOnlyAfterFsync");
    Because b = assertInstanceOf(Because.class, t);
    assertEquals("fsync-before-ack", b.hint());
    assertTrue(b.getMessage().startsWith("Batch 1: append(#0), then sync(): acknowledge(0) came"
        + " before an fsync of the last change made before it. Your calls, in order:"
        + " append(wal, 16 bytes), acknowledge(0), fsync()."), b.getMessage());
  }

  @Test
  void aTornTailLeftInPlaceIsBlamedOnTheMissingCut() throws Exception {
    Throwable t = run(compile("wrong/no-cut"), "tornTailIsCutAndAppendsFollow");
    Because b = assertInstanceOf(Because.class, t);
    assertEquals("cut-the-torn-tail", b.hint());
    assertTrue(b.getMessage().contains("log 2: recover() -> #0 \"alpha\", #1"), b.getMessage());
    assertTrue(b.getMessage().contains("recover() returned 2 records; expected at least 3."
        + " Record #2 was acknowledged, so it must survive. It was appended by log 2, whose"
        + " recover() left the file as the crash had left it"), b.getMessage());
  }

  @Test
  void aRecoveryCutThatIsNotFsyncedIsBlamedOnThatWhenThePowerGoesRightAfter() throws Exception {
    Throwable t = run(compile("wrong/cut-not-synced"), "tornTailIsCutAndAppendsFollow");
    Because b = assertInstanceOf(Because.class, t);
    assertEquals("cut-the-torn-tail", b.hint());
    assertTrue(b.getMessage().contains("the power went off between calls; left unsynced:"
        + " write(wal, "), b.getMessage());
    assertTrue(b.getMessage().contains("But recover() changed the disk and returned without an"
        + " fsync"), b.getMessage());
  }

  // ---------------------------------------------------------------------------------------------

  /** Writes, appends, deletes and fsyncs on two files, ending with unsynced changes. */
  private static List<Object[]> randomOps(SplittableRandom rnd) {
    List<Object[]> ops = new ArrayList<>();
    int count = 1 + rnd.nextInt(8);
    for (int i = 0; i < count; i++) {
      String file = rnd.nextBoolean() ? "a" : "b";
      byte[] data = new byte[rnd.nextInt(6)];
      for (int j = 0; j < data.length; j++) {
        data[j] = (byte) ('a' + rnd.nextInt(26));
      }
      int kind = rnd.nextInt(i == count - 1 ? 3 : 4);
      ops.add(new Object[] {kind, file, data});
    }
    return ops;
  }

  private static void apply(Disk d, List<Object[]> ops) {
    for (Object[] op : ops) {
      String file = (String) op[1];
      byte[] data = (byte[]) op[2];
      switch ((int) op[0]) {
        case 0 -> d.write(file, data);
        case 1 -> d.append(file, data);
        case 2 -> d.delete(file);
        default -> d.fsync();
      }
    }
  }

  private static String describe(List<Object[]> ops) {
    List<String> out = new ArrayList<>();
    for (Object[] op : ops) {
      String[] names = {"write", "append", "delete", "fsync"};
      out.add(names[(int) op[0]] + "(" + op[1] + ", " + new String((byte[]) op[2]) + ")");
    }
    return out.toString();
  }

  private static int length(Object change) throws Exception {
    Method m = change.getClass().getDeclaredMethod("length");
    m.setAccessible(true);
    return (int) m.invoke(change);
  }

  private static Map<String, String> contents(Disk d) {
    Map<String, String> m = new TreeMap<>();
    for (String f : d.files()) {
      m.put(f, Arrays.toString(d.read(f)));
    }
    return m;
  }

  /** The suite compiled with the reference (null) or variant {@code variant}. */
  private static Class<?> compile(String variant) throws Exception {
    return Shipped.suite(Shipped.exercise(ID), Shipped.learnerTexts(Shipped.exercise(ID),
        variant));
  }

  /** Runs one test method of the suite; the failure it threw, or null when it passed. */
  private static Throwable run(Class<?> suite, String test) throws Exception {
    return Shipped.invoke(suite, test);
  }
}
