package dstutor.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageTextTest {
  public record Versioned(String value, long version) {}

  public record Write(long opId, String key, Versioned versioned) {}

  public record Batch(long first, List<Versioned> entries) {}

  public record Clocked(String value, Map<String, Long> clock) {}

  private record Hidden(int a, String b) {}

  public record Throws(int a) {
    @Override
    public int a() {
      throw new IllegalStateException("no");
    }
  }

  @Test
  void recordsShowTheirNameAndComponentsRecursively() {
    MessageText t = MessageText.plain();
    assertEquals("Write(3, k1, Versioned(k1.3, 3))", t.show(new Write(3, "k1",
        new Versioned("k1.3", 3))));
    assertEquals("Write(4, k2, null)", t.show(new Write(4, "k2", null)));
    assertEquals("Versioned(null, 0)", t.show(new Versioned(null, 0)));
    assertEquals("null", t.show(null));
    assertEquals("plain text", t.show("plain text"));
  }

  @Test
  void listsShowElementByElementOtherCollectionsAndMapsAsTheirToString() {
    MessageText t = MessageText.plain();
    assertEquals("Batch(1, [Versioned(a, 1), Versioned(b, 2)])", t.show(new Batch(1,
        List.of(new Versioned("a", 1), new Versioned("b", 2)))));
    assertEquals("[]", t.show(List.of()));
    assertEquals("[1, null, x]", t.show(Arrays.asList(1, null, "x")));
    assertEquals("[a]", t.show(Set.of("a")));
    assertEquals("Clocked(v, {a=2})", t.show(new Clocked("v", Map.of("a", 2L))));
  }

  @Test
  void longListsAreCutWhenTheSuiteAsks() {
    List<Integer> seven = List.of(1, 2, 3, 4, 5, 6, 7);
    assertEquals("[1, 2, 3, 4, 5, 6, 7]", MessageText.plain().show(seven));
    MessageText cut = MessageText.plain().cuttingListsAt(6);
    assertEquals("[1, 2, ... 4 more ..., 7]", cut.show(seven));
    assertEquals("[1, 2, 3, 4, 5, 6]", cut.show(seven.subList(0, 6)));
    assertThrows(IllegalArgumentException.class, () -> MessageText.plain().cuttingListsAt(2));
  }

  @Test
  void theSuitesOwnTextComesFirstAtEveryDepth() {
    MessageText t = MessageText.plain()
        .with(m -> m instanceof Versioned v ? v.value() + "@" + v.version() : null);
    assertEquals("Write(3, k1, k1.3@3)", t.show(new Write(3, "k1", new Versioned("k1.3", 3))));
    assertEquals("[a@1]", t.show(List.of(new Versioned("a", 1))));
    assertEquals("Write(4, k2, null)", t.show(new Write(4, "k2", null)));
  }

  @Test
  void recordsThatAreNotPublicShowAndAnAccessorThatThrowsShowsAQuestionMark() {
    assertEquals("Hidden(1, b)", MessageText.plain().show(new Hidden(1, "b")));
    assertEquals("Throws(?)", MessageText.plain().show(new Throws(1)));
  }
}
