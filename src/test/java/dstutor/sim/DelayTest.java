package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DelayTest {
  @Test
  void distributionsStayInTheirBoundsAndCoverThem() {
    Delay u = Delay.uniform(2, 6);
    Delay e = Delay.exponential(1, 10, 80);
    long uMin = Long.MAX_VALUE;
    long uMax = 0;
    double eSum = 0;
    long eMax = 0;
    for (long i = 0; i < 100_000; i++) {
      long x = u.sample(Mix.mix(i));
      uMin = Math.min(uMin, x);
      uMax = Math.max(uMax, x);
      long y = e.sample(Mix.mix(~i));
      assertTrue(y >= 1 && y <= 80, "exponential sample " + y);
      eSum += y;
      eMax = Math.max(eMax, y);
    }
    assertEquals(2, uMin);
    assertEquals(6, uMax);
    assertEquals(6, u.max());
    assertEquals(80, eMax);
    assertTrue(Math.abs(eSum / 100_000 - 10.5) < 0.5, "mean " + eSum / 100_000);
    assertEquals(7, Delay.constant(7).sample(123));
  }

  @Test
  void badParametersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Delay.constant(0));
    assertThrows(IllegalArgumentException.class, () -> Delay.uniform(5, 4));
    assertThrows(IllegalArgumentException.class, () -> Delay.exponential(1, 0, 10));
  }
}
