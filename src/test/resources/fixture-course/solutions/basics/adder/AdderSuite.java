import static org.junit.jupiter.api.Assertions.assertEquals;

import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AdderSuite {
  @Test
  @DisplayName("adding zero changes nothing")
  @Hint("zero")
  void zero() {
    assertEquals(5, new SimpleAdder().add(5, 0), "add(5, 0)");
  }

  @Test
  @DisplayName("add returns the sum")
  @Hint("sum")
  void sum() {
    Seeds.forEach(20, seed -> {
      SplittableRandom r = new SplittableRandom(seed);
      int a = r.nextInt(1, 1000);
      int b = r.nextInt(1, 1000);
      int got;
      try {
        got = new SimpleAdder().add(a, b);
      } catch (RuntimeException e) {
        throw Seeds.failure(seed, "add(" + a + ", " + b + ") on a new SimpleAdder", e);
      }
      assertEquals(a + b, got, "add(" + a + ", " + b + ")");
    });
  }
}
