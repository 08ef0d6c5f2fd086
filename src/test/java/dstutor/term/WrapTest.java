package dstutor.term;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WrapTest {
  @Test
  void proseBreaksAtWordsAndKeepsItsIndent() {
    assertEquals(List.of("    one two", "    three four", "    five"),
        Wrap.line("    one two three four five", 15));
  }

  @Test
  void aShortLineAndALineInColumnsStayWhole() {
    assertEquals(List.of("  short"), Wrap.line("  short", 15));
    String timeline = "     12 ms  n1      -> n2  Write(k, v1@1)     delivered";
    assertEquals(List.of(timeline), Wrap.line(timeline, 20));
  }

  @Test
  void aWordLongerThanTheWidthIsNotCut() {
    assertEquals(List.of("  a", "  abcdefghijklmnopqrstuvwxyz", "  b"),
        Wrap.line("  a abcdefghijklmnopqrstuvwxyz b", 14));
  }
}
