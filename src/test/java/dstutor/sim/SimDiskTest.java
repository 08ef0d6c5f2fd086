package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.kit.Disk;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimDiskTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String s(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void readsSeeWritesAtOnceAndReturnCopies() {
    SimDisk d = new SimDisk();
    byte[] data = b("abc");
    d.write("f", data);
    data[0] = 'X';
    assertEquals("abc", s(d.read("f")));
    d.read("f")[0] = 'Y';
    assertEquals("abc", s(d.read("f")));
    d.append("f", b("def"));
    d.append("g", b("1"));
    assertEquals("abcdef", s(d.read("f")));
    assertEquals(List.of("f", "g"), List.copyOf(d.files()));
    d.delete("g");
    assertNull(d.read("g"));
    assertEquals(4, d.unsynced());
  }

  @Test
  void positionalReadsReturnCopiesOfARangeCutAtTheEnd() {
    SimDisk d = new SimDisk();
    d.write("f", b("abcdef"));
    assertEquals("cde", s(d.read("f", 2, 3)));
    assertEquals("ef", s(d.read("f", 4, 10)));
    assertEquals("", s(d.read("f", 6, 1)));
    assertEquals("", s(d.read("f", 100, 1)));
    assertEquals("", s(d.read("f", 0, 0)));
    assertNull(d.read("g", 0, 1));
    d.read("f", 0, 3)[0] = 'X';
    assertEquals("abcdef", s(d.read("f")));
    assertThrows(IllegalArgumentException.class, () -> d.read("f", -1, 1));
    assertThrows(IllegalArgumentException.class, () -> d.read("f", 0, -1));
    // The interface's default, for other disks, agrees.
    Disk plain = new Disk() {
      @Override
      public byte[] read(String file) {
        return d.read(file);
      }

      @Override
      public void write(String file, byte[] data) {}

      @Override
      public void append(String file, byte[] data) {}

      @Override
      public void delete(String file) {}

      @Override
      public Set<String> files() {
        return d.files();
      }

      @Override
      public void fsync() {}
    };
    assertEquals("cde", s(plain.read("f", 2, 3)));
    assertEquals("ef", s(plain.read("f", 4, Integer.MAX_VALUE)));
    assertEquals("", s(plain.read("f", Long.MAX_VALUE, 1)));
    assertNull(plain.read("g", 0, 1));
    assertThrows(IllegalArgumentException.class, () -> plain.read("f", -1, 1));
  }

  @Test
  void aCrashKeepsOnlyWhatWasFsynced() {
    SimDisk d = new SimDisk();
    d.write("f", b("one"));
    d.fsync();
    d.append("f", b("two"));
    d.write("g", b("new"));
    d.delete("f");
    assertEquals("3 unsynced write(s) lost", d.crash(false, 0));
    assertEquals("one", s(d.read("f")));
    assertNull(d.read("g"));
    assertEquals(0, d.unsynced());
    assertEquals(1, d.fsyncs());
  }

  @Test
  void aTornCrashKeepsAPrefixOfTheUnsyncedWritesTheLastCutShort() {
    Set<String> outcomes = new HashSet<>();
    for (long bits = 0; bits < 200; bits++) {
      SimDisk d = new SimDisk();
      d.write("log", b("A"));
      d.fsync();
      d.append("log", b("BBBB"));
      d.append("log", b("CCCC"));
      d.crash(true, Mix.mix(bits));
      String after = s(d.read("log"));
      assertTrue(after.matches("A(B{0,4}|BBBBC{0,4})"), after);
      assertTrue(!after.equals("ABBBBCCCC"), "the last write is never whole: " + after);
      outcomes.add(after);
    }
    assertTrue(outcomes.size() >= 8, "many different tears: " + outcomes);
  }

  @Test
  void crashAfterFsyncLosesNothing() {
    SimDisk d = new SimDisk();
    d.write("f", b("x"));
    d.fsync();
    assertEquals("", d.crash(true, 12345));
    assertArrayEquals(b("x"), d.read("f"));
  }

  @Test
  void badArgumentsAreRefused() {
    SimDisk d = new SimDisk();
    assertThrows(IllegalArgumentException.class, () -> d.write("", b("x")));
    assertThrows(NullPointerException.class, () -> d.append("f", null));
  }
}
