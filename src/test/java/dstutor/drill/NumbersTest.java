package dstutor.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class NumbersTest {
  private static void reads(double expected, String typed) {
    Double v = Numbers.parse(typed);
    assertEquals(expected, v == null ? Double.NaN : v, expected * 1e-12, typed);
  }

  @Test
  void theWaysPeopleTypeEstimates() {
    reads(5800, "5800");
    reads(5800, "5,800");
    reads(5800, "5_800");
    reads(5800, "5.8k");
    reads(5800, "5.8K");
    reads(5800, "5.8 k");
    reads(5800, "5.8e3");
    reads(5800, "~5800");
    reads(5800, "≈ 5,800");
    reads(2e6, "2M");
    reads(2e6, "2 million");
    reads(1.5e9, "1.5G");
    reads(3e9, "3B");
    reads(3e9, "3bn");
    reads(1e12, "1T");
    reads(21.6e6, "21,600,000");
    reads(0.5, ".5");
    reads(1234567, "1,234,567");
  }

  @Test
  void aUnitAfterTheNumberIsIgnoredNotConverted() {
    reads(5800, "5800 writes/s");
    reads(5800, "5.8k writes/s");
    reads(5800, "5.8k/s");
    reads(500, "500 MB/s");
    reads(1.5, "1.5GB");
    reads(5, "5 min");
    reads(12, "12 ms");
  }

  @Test
  void textThatIsNotANumber() {
    assertNull(Numbers.parse("about five thousand"));
    assertNull(Numbers.parse("3 of 5 replicas"));
    assertNull(Numbers.parse("5,8"));
    assertNull(Numbers.parse("1.2.3"));
    assertNull(Numbers.parse("-5"));
    assertNull(Numbers.parse(""));
    assertNull(Numbers.parse("k"));
    assertNull(Numbers.parse("50e6 × 10 / 86400"));
  }

  @Test
  void formatsForPeople() {
    assertEquals("5,800", Numbers.format(5800));
    assertEquals("21,600,000", Numbers.format(21.6e6));
    assertEquals("1.5", Numbers.format(1.5));
    assertEquals("0.333", Numbers.format(1 / 3.0));
  }
}
