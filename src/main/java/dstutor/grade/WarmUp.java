package dstutor.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A suite of nothing, run by a new worker while the tutor is still compiling, so that JUnit's
 * discovery and execution paths are loaded before the learner's suite arrives.
 */
final class WarmUp {
  @Test
  @DisplayName("warm up")
  @Hint("none")
  void warmUp() {
    assertEquals(2, 1 + 1, "arithmetic");
  }
}
