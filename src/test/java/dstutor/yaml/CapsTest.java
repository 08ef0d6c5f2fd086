package dstutor.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CapsTest {
  @Test
  void textWithinItsCapIsKeptAndLongerTextIsCutWithAnEllipsis() {
    String ok = "x".repeat(160);
    assertSame(ok, Caps.clip(ok, 160));
    assertEquals("x".repeat(159) + "…", Caps.clip("x".repeat(2_000_000), 160));
    assertEquals(160, Caps.clip("x".repeat(161), 160).length());
    assertEquals("…", Caps.clip("xy", 1));
    assertNull(Caps.clip(null, 10));
    assertThrows(IllegalArgumentException.class, () -> Caps.clip("x", 0));
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    // Four characters kept would end on the high half of the second pair.
    assertEquals("ab" + emoji + "…", Caps.clip("ab" + emoji + emoji + "cd", 5));
    assertEquals("ab" + emoji + "…", Caps.clip("ab" + emoji + emoji + "cd", 6));
  }

  @Test
  void eachLineIsCutOnItsOwn() {
    assertEquals("abc\nab…\n\nx", Caps.clipLines("abc\nabcdef\n\nx", 3));
    assertEquals("ab…\n", Caps.clipLines("abcdef\n", 3));
    assertEquals("", Caps.clipLines("", 3));
  }
}
