package dstutor.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Numbers as people write them in estimates. */
class EstimatesTest {
  private static double parse(String s) {
    OptionalDouble d = Estimates.parse(s);
    assertTrue(d.isPresent(), "not read: " + s);
    return d.getAsDouble();
  }

  private static double parse(String s, String unit) {
    OptionalDouble d = Estimates.parse(s, unit);
    assertTrue(d.isPresent(), "not read: " + s + " in " + unit);
    return d.getAsDouble();
  }

  @Test
  void readsTheUsualWaysOfWritingANumber() {
    assertEquals(5800, parse("5800"));
    assertEquals(5800, parse("5,800"));
    assertEquals(5800, parse("5.8k"));
    assertEquals(5800, parse("5.8K"));
    assertEquals(5800, parse("5.8e3"));
    assertEquals(5800, parse("5.8E+3"));
    assertEquals(2_000_000, parse("2M"));
    assertEquals(2_000_000, parse("2m"));
    assertEquals(1.5e9, parse("1.5G"));
    assertEquals(3_000_000, parse("3 million"));
    assertEquals(3e9, parse("3 billion"));
    assertEquals(4e12, parse("4T"));
    assertEquals(1_234_567.5, parse("1,234,567.5"));
    assertEquals(0.5, parse(".5"));
    assertEquals(5800, parse("  ~5800  "));
    assertEquals(5800, parse("about 5.8 thousand"));
    assertEquals(5800, parse("5.8 x 10^3"));
    assertEquals(5800, parse("5.8×10^3"));
    assertEquals(1e9, parse("10^9"));
    assertEquals(1024 * 1024, parse("2^20"));
  }

  @Test
  void rejectsWhatIsNotANumber() {
    for (String s : new String[] {"", "   ", "lots", "5,80", "1,5", "5 apples", "5.8 kilos",
        "k5", "5 x", "12:30", null}) {
      assertFalse(Estimates.parse(s).isPresent(), "read: " + s);
    }
  }

  @Test
  void theUnitAskedForMayFollowAndWinsOverAMultiplier() {
    assertEquals(21_600_000, parse("21.6 million hints", "hints"));
    assertEquals(21_600_000, parse("21600000 hints", "hints"));
    assertEquals(1, parse("1 hint", "hints"));
    assertEquals(20, parse("20 GB", "GB"));
    assertEquals(20_000, parse("20k GB", "GB"));
    assertEquals(5800, parse("5.8k writes/s", "writes/s"));
    assertEquals(5800, parse("5.8kB", "B"));
    assertFalse(Estimates.parse("20 GB", "bytes").isPresent(), "GB is not a multiplier of bytes");
    assertFalse(Estimates.parse("20 apples", "hints").isPresent());
  }

  @Test
  void acceptsWithinTheFactorAtBothEnds() {
    assertTrue(Estimates.accepts(100, 2, 50));
    assertTrue(Estimates.accepts(100, 2, 200));
    assertTrue(Estimates.accepts(100, 2, 100));
    assertFalse(Estimates.accepts(100, 2, 49.9));
    assertFalse(Estimates.accepts(100, 2, 200.1));
    assertTrue(Estimates.accepts(100, 1, 100));
    assertFalse(Estimates.accepts(100, 1, 101));
    assertFalse(Estimates.accepts(100, 2, -100));
  }

  @Test
  void formatsForReading() {
    assertEquals("5,800", Estimates.format(5800));
    assertEquals("21.6 million", Estimates.format(21_600_000));
    assertEquals("1 million", Estimates.format(1_000_000));
    assertEquals("1.5 billion", Estimates.format(1.5e9));
    assertEquals("2", Estimates.format(2));
    assertEquals("2.5", Estimates.format(2.5));
    assertEquals("0.0047", Estimates.format(0.0047));
    assertEquals("12.3", Estimates.format(12.345));
  }
}
