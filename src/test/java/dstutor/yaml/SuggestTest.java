package dstutor.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {
  static final List<String> IDS = List.of("consistent-hashing", "bloom-filter", "vector-clocks");

  @Test
  void oneTypoAway() {
    assertEquals("consistent-hashing", Suggest.closest("consistent-hashin", IDS));
    assertEquals("bloom-filter", Suggest.closest("blom-filter", IDS));
  }

  @Test
  void aMissingCandidateOrAHugeWordIsNoMatchNotACrash() {
    assertEquals("bloom-filter", Suggest.closest("blom-filter", java.util.Arrays.asList(null,
        "bloom-filter")));
    assertNull(Suggest.closest("b".repeat(1_000_000), IDS));
  }

  @Test
  void nothingClose() {
    assertNull(Suggest.closest("paxos", IDS));
  }
}
