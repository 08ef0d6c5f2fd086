package dstutor.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Wrapping styled text: words longer than a line are cut into line-sized pieces. */
class StyledTest {
  @Test
  void aWordLongerThanALineIsCutIntoPiecesAcrossItsStyles() {
    Styled s = new Styled().add("ab ", 0).add("cdefgh", Styled.BOLD).add("ijklm", 0);
    List<String> lines = s.wrap(4, false).stream().map(Styled.Line::text).toList();
    assertEquals(List.of("ab", "cdef", "ghij", "klm"), lines);
    assertEquals(List.of(2, 4, 4, 3), s.wrap(4, false).stream().map(Styled.Line::width).toList());
  }

  @Test
  void aHugeWordIsCutWhole() {
    String word = "x".repeat(2_000_000);
    List<Styled.Line> lines = new Styled().add("a " + word, 0).wrap(100, false);
    assertEquals(1 + 20_000, lines.size());
    assertEquals("a", lines.get(0).text());
    assertEquals(word, String.join("", lines.subList(1, lines.size()).stream()
        .map(Styled.Line::text).toList()));
  }
}
