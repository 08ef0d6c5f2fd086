package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimClockTest {
  @Test
  void aFreshClockReadsTrueTime() {
    SimClock c = new SimClock();
    assertEquals(1234, c.local(1234));
    assertEquals(1300, c.trueTimeAt(1234, 1300));
  }

  @Test
  void offsetAndDriftApplyFromTheChange() {
    SimClock c = new SimClock();
    c.set(1_000, -500, 2_000); // 500 ms behind, 0.2% fast, from t = 1000
    assertEquals(500, c.local(1_000));
    assertEquals(500 + 10_000 + 20, c.local(11_000));
  }

  @Test
  void timersFireAtTheFirstInstantTheLocalClockReachesTheTarget() {
    for (long ppm : new long[] {-300_000, -1_000, 0, 1, 999, 50_000}) {
      SimClock c = new SimClock();
      c.set(0, 77, ppm);
      for (long now = 0; now < 3_000; now += 97) {
        for (long delay : new long[] {0, 1, 5, 100, 1234}) {
          long target = c.local(now) + delay;
          long t = c.trueTimeAt(now, target);
          assertTrue(c.local(t) >= target, "reached");
          assertTrue(t == now || c.local(t - 1) < target, "first instant");
        }
      }
    }
  }

  @Test
  void absurdDriftIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SimClock().set(0, 0, -600_000));
  }
}
