package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.kit.Disk;
import dstutor.sim.CrashDisk.Change;
import dstutor.sim.CrashDisk.Kind;
import dstutor.sim.CrashDisk.PowerCut;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The crash model of {@link CrashDisk}: what survives a crash, and where the power goes off. */
class CrashDiskTest {
  @Test
  void fsyncedChangesSurviveEveryCrashAndUnsyncedOnesAreLostFromTheNewest() {
    CrashDisk d = new CrashDisk();
    d.append("log", ascii("one"));
    d.write("meta", ascii("v1"));
    d.fsync();
    d.append("log", ascii("two"));
    d.write("meta", ascii("v2"));
    d.delete("old");
    d.append("new", ascii("x"));
    assertEquals("onetwo", text(d.read("log")), "reads see unsynced changes at once");
    assertEquals(4, d.pending().size());

    CrashDisk none = d.copy();
    assertEquals("none of the 4 unsynced changes survived whole", none.crash(0, -1, false));
    assertEquals(Map.of("log", "one", "meta", "v1"), contents(none));

    CrashDisk two = d.copy();
    assertEquals("the first 2 of the 4 unsynced changes survived whole", two.crash(2, -1, false));
    assertEquals(Map.of("log", "onetwo", "meta", "v2"), contents(two));

    CrashDisk all = d.copy();
    assertEquals("all of the 4 unsynced changes survived", all.crash(4, -1, false));
    assertEquals(Map.of("log", "onetwo", "meta", "v2", "new", "x"), contents(all));
    assertTrue(all.pending().isEmpty(), "nothing is unsynced after a crash");

    CrashDisk synced = new CrashDisk();
    synced.append("log", ascii("kept"));
    synced.fsync();
    assertEquals("nothing was unsynced, nothing lost", synced.crash(0, -1, false));
    assertEquals(Map.of("log", "kept"), contents(synced));
  }

  @Test
  void theChangeAfterTheSurvivorsMayBeTornAndItsTailReadAsZeros() {
    CrashDisk d = new CrashDisk();
    d.append("log", ascii("head"));
    d.fsync();
    d.append("log", ascii("abcdef"));

    CrashDisk torn = d.copy();
    assertEquals("none of the 1 unsynced change survived whole; append(log, 6 bytes) was torn"
        + " after 2 bytes", torn.crash(0, 2, false));
    assertEquals("headab", text(torn.read("log")));

    CrashDisk zeros = d.copy();
    assertEquals("none of the 1 unsynced change survived whole; append(log, 6 bytes) was torn"
        + " after 2 bytes, and its other 4 bytes read as zeros", zeros.crash(0, 2, true));
    assertArrayEquals(bytes("headab", 0, 0, 0, 0), zeros.read("log"));

    CrashDisk nothing = d.copy();
    assertEquals("none of the 1 unsynced change survived whole; append(log, 6 bytes) left"
        + " 6 bytes of zeros", nothing.crash(0, 0, true));
    assertArrayEquals(bytes("head", 0, 0, 0, 0, 0, 0), nothing.read("log"));
  }

  @Test
  void aWriteTornAtItsFirstByteEmptiesTheFileAndADeleteIsNeverTorn() {
    CrashDisk d = new CrashDisk();
    d.write("f", ascii("old contents"));
    d.write("g", ascii("g"));
    d.fsync();
    d.write("f", ascii("new"));
    d.delete("g");

    CrashDisk write = d.copy();
    assertEquals("none of the 2 unsynced changes survived whole; write(f, 3 bytes) was torn"
        + " before its first byte, leaving the file empty", write.crash(0, 0, false));
    assertEquals(Map.of("f", "", "g", "g"), contents(write));

    CrashDisk delete = d.copy();
    assertEquals("the first 1 of the 2 unsynced changes survived whole", delete.crash(1, 0, false));
    assertEquals(Map.of("f", "new", "g", "g"), contents(delete), "the delete did not happen");
  }

  @Test
  void thePowerGoesOffAtTheChosenCallWhichDoesNotHappen() {
    CrashDisk d = new CrashDisk();
    d.cutAt(2);
    d.append("log", ascii("a")); // call 0
    assertEquals("a", text(d.read("log")), "reads are not calls");
    d.fsync(); // call 1
    PowerCut cut = assertThrows(PowerCut.class, () -> d.append("log", ascii("bc")));
    assertEquals("the power was cut", cut.getMessage());
    assertTrue(d.isOff());
    assertEquals("3, append(log, 2 bytes), which did not happen", d.describeCut());
    assertEquals("", d.describePending(), "the append at the cut did not happen");
    assertThrows(PowerCut.class, () -> d.read("log"), "every call throws until the crash");
    assertThrows(PowerCut.class, d::files);
    assertThrows(PowerCut.class, d::fsync);
    d.crash(0, -1, false);
    assertFalse(d.isOff());
    assertNull(d.describeCut());
    assertEquals("a", text(d.read("log")));
    assertEquals(2, d.calls());
    d.append("log", ascii("d")); // the cut is disarmed by the crash
  }

  @Test
  void aCutAtTheNextFsyncLeavesEverythingSinceTheLastOneUnsynced() {
    CrashDisk d = new CrashDisk();
    d.append("log", ascii("a"));
    d.fsync();
    d.append("log", ascii("bb"));
    d.write("idx", ascii("1"));
    d.cutAtNextFsync();
    assertThrows(PowerCut.class, d::fsync);
    assertEquals("5, fsync(), which did not happen", d.describeCut()); // counted from 1
    List<Change> pending = d.pending();
    assertEquals(List.of(new Change(1, Kind.APPEND, "log", 2), new Change(2, Kind.WRITE, "idx",
        1)), pending);
    assertEquals("append(log, 2 bytes), write(idx, 1 byte)", d.describePending());
    assertEquals(2, d.pendingSince(0));
    assertEquals(1, d.pendingSince(2));
  }

  @Test
  void cutsBetweenCallsSuspendedCutsAndOtherStoresCalls() {
    CrashDisk d = new CrashDisk();
    d.append("log", ascii("a"));
    d.cutNow();
    assertNull(d.describeCut(), "between calls: no call to name");
    assertThrows(PowerCut.class, () -> d.append("log", ascii("b")));
    d.crash(1, -1, false);
    assertEquals("a", text(d.read("log")));

    d.cutAt(d.calls() + 1);
    d.suspendCuts(true);
    d.append("log", ascii("b"));
    d.otherCall("tables.write(3 cells)"); // counted, not cut: the cut is suspended
    d.suspendCuts(false);
    d.append("log", ascii("c"));
    assertEquals(4, d.calls());
    assertEquals(3, d.changes());

    d.cutAt(d.calls());
    assertThrows(PowerCut.class, () -> d.otherCall("tables.write(3 cells)"));
    assertEquals("5, tables.write(3 cells), which did not happen", d.describeCut());
  }

  @Test
  void argumentsAreCheckedAndDataCopied() {
    CrashDisk d = new CrashDisk();
    byte[] data = ascii("abc");
    d.write("f", data);
    data[0] = 'X';
    assertEquals("abc", text(d.read("f")));
    d.read("f")[0] = 'Y';
    assertEquals("abc", text(d.read("f")));
    assertThrows(IllegalArgumentException.class, () -> d.write("", data));
    assertThrows(IllegalArgumentException.class, () -> d.read(null));
    assertThrows(NullPointerException.class, () -> d.append("f", null));
    assertThrows(IllegalArgumentException.class, () -> d.copy().crash(2, -1, false));
    assertThrows(IllegalArgumentException.class, () -> d.copy().crash(0, 4, false));
    assertEquals(1, d.calls(), "only the write counted: rejected calls are not");
  }

  @Test
  void aBitFlipChangesFsyncedBytesAndExtentsFindWhatAFileGrewBy() {
    CrashDisk d = new CrashDisk();
    d.append("log", ascii("ab"));
    Map<String, Integer> before = d.sizes();
    d.append("log", ascii("cd"));
    assertThrows(IllegalStateException.class, () -> d.flip("log", 0, 0));
    d.fsync();
    CrashDisk.Extent e = d.grownSince(before);
    assertEquals(new CrashDisk.Extent("log", 2, 4), e);
    d.flip("log", e.from(), 0);
    assertEquals("abbd", text(d.read("log")));
    assertTrue(d.holds(e));
    assertEquals(4, d.totalBytes());
  }

  /**
   * Every way a {@link SimDisk} crash can end, torn or not, a CrashDisk can be told to end: the
   * simulator's crash model is a part of this one (which adds the zero-filled tails).
   */
  @Test
  void canEndEveryWayTheSimulatorsDiskCan() {
    SplittableRandom rnd = new SplittableRandom(9);
    for (int run = 0; run < 40; run++) {
      List<Object[]> ops = randomOps(rnd);
      CrashDisk ours = new CrashDisk();
      apply(ours, ops);
      List<Map<String, String>> endings = new ArrayList<>();
      int n = ours.pending().size();
      for (int whole = 0; whole <= n; whole++) {
        int len = whole < n ? ours.pending().get(whole).length() : 0;
        for (int keep = -1; keep < len; keep++) {
          CrashDisk d = ours.copy();
          d.crash(whole, keep, false);
          endings.add(contents(d));
        }
      }
      for (long bits = 0; bits < 30; bits++) {
        for (boolean tear : new boolean[] {false, true}) {
          SimDisk sim = new SimDisk();
          apply(sim, ops);
          sim.crash(tear, bits * 0x9E3779B97F4A7C15L);
          Map<String, String> simEnd = contents(sim);
          assertTrue(endings.contains(simEnd), "run " + run + ": SimDisk crash(" + tear + ", "
              + bits + ") left " + simEnd + ", which a CrashDisk cannot: " + endings);
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Writes, appends, deletes and fsyncs on two files, ending with an unsynced change. */
  private static List<Object[]> randomOps(SplittableRandom rnd) {
    List<Object[]> ops = new ArrayList<>();
    int count = 1 + rnd.nextInt(8);
    for (int i = 0; i < count; i++) {
      byte[] data = new byte[rnd.nextInt(6)];
      for (int j = 0; j < data.length; j++) {
        data[j] = (byte) ('a' + rnd.nextInt(26));
      }
      ops.add(new Object[] {rnd.nextInt(i == count - 1 ? 3 : 4), rnd.nextBoolean() ? "a" : "b",
          data});
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

  private static Map<String, String> contents(Disk d) {
    Map<String, String> m = new TreeMap<>();
    Set<String> files = d.files();
    for (String f : files) {
      m.put(f, text(d.read(f)));
    }
    return m;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static byte[] bytes(String head, int... tail) {
    byte[] b = Arrays.copyOf(ascii(head), head.length() + tail.length);
    for (int i = 0; i < tail.length; i++) {
      b[head.length() + i] = (byte) tail[i];
    }
    return b;
  }
}
