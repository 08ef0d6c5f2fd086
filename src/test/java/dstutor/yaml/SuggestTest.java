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
  void nothingClose() {
    assertNull(Suggest.closest("paxos", IDS));
  }
}
