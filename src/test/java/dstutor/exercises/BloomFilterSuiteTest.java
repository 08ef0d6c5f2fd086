package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.Because;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bloom-filter hidden suite judged as the issue asks: correct filters that differ only in
 * their hash pass its statistical properties, and its messages give the model's expectations and
 * the scenario an exception happened in. The suite runs in this JVM, compiled in memory with the
 * reference or a variant, one test method at a time.
 */
class BloomFilterSuiteTest {
  private static final Path SOLUTION = Path.of("solutions/patterns/bloom-filter");
  private static final Path EXERCISE = Path.of("exercises/patterns/bloom-filter");

  @Test
  void correctFiltersThatDifferOnlyInTheirHashPass() throws Exception {
    // The reference with its hash seed in a static field, so that one compile serves every seed.
    // The suite's calibration (its comment) covers 20,000 runs; this keeps a few as a guard.
    String reference = Files.readString(SOLUTION.resolve("BloomFilter.java"));
    String call = "Hashing.murmur3(key.getBytes(StandardCharsets.UTF_8), 0)";
    String head = "public class BloomFilter implements MembershipFilter {";
    assertTrue(reference.contains(call) && reference.contains(head));
    Class<?> suite = compile(reference.replace(call, call.replace(", 0)", ", seed)"))
        .replace(head, head + "\n  static int seed;"));
    Field seed = suite.getClassLoader().loadClass("BloomFilter").getDeclaredField("seed");
    seed.setAccessible(true);
    List<String> failures = new ArrayList<>();
    for (int s = 1; s <= 6; s++) {
      seed.setInt(null, s * 7919);
      for (String test : List.of("oneHashOnePositionOfM", "falsePositiveRateMeetsTheTarget",
          "positionsPerKeyMatchTheory")) {
        Throwable t = run(suite, test);
        if (t != null) {
          failures.add("seed " + s * 7919 + ", " + test + ": " + t.getMessage());
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void kPlusOnePositionsFailWithTheModelsPrediction() throws Exception {
    Throwable t = run(compile(variant("k-plus-one")), "positionsPerKeyMatchTheory");
    Because b = assertInstanceOf(Because.class, t);
    assertEquals("independent-positions", b.hint());
    // m = ceil(35,000 * ln 2 / (ln 2)^2) = 50,495 and k = 1 by the brief's formulas; N = 1.1 m.
    String m = b.getMessage();
    assertTrue(m.startsWith("new BloomFilter(35,000, 0.5) reports bitCount() = 50,495 and"
        + " hashCount() = 1. Added 55,545 keys (\"key-1\" to \"key-55545\")"), m);
    assertTrue(m.contains("theory predicts (1 - (1 - 1/m)^(kN))^k = 66.71% for N = 55,545"), m);
    assertTrue(m.contains("sets and checks k + 1 = 2 positions per key would measure: 79.07%"),
        m);
  }

  @Test
  void kPlusOneFailsTheExactOnePositionPropertyWithK1() throws Exception {
    Throwable t = run(compile(variant("k-plus-one")), "oneHashOnePositionOfM");
    Because b = assertInstanceOf(Because.class, t);
    assertEquals("independent-positions", b.hint());
    assertTrue(b.getMessage().contains("(bitCount() = 2, hashCount() = 1): a filter holding"
        + " only \"key-"), b.getMessage());
  }

  @Test
  void anExceptionIsReportedWithItsFilterAndKeys() throws Exception {
    Throwable t = run(compile(variant("negative-mod")), "neverAFalseNegative");
    assertNotNull(t);
    String m = t.getMessage();
    // The filter, the adds before the one that threw, then the call itself.
    assertTrue(m.matches("(?s)new BloomFilter\\([0-9,]+, [0-9.]+\\) (with nothing added|after"
        + " [0-9,]+ adds? \\(the last add\\(\".*\"\\)\\)): add\\(\".*"), m);
    assertTrue(m.matches("(?s).*threw ArrayIndexOutOfBoundsException: Index -[0-9]+ out.*"), m);
    assertTrue(m.contains("at BloomFilter.java:"), m);
    assertTrue(m.contains("Math.floorMod"), m);
    assertTrue(m.contains("replay: dstutor submit"), m);
    assertEquals("independent-positions", hintOf(t));
  }

  @Test
  void nanIsNamedAsTheCauseOfTheArgumentFailure() throws Exception {
    Throwable t = run(compile(variant("nan-accepted")), "badArgumentsAreRejected");
    assertNotNull(t);
    assertTrue(t.getMessage().startsWith("new BloomFilter(100, NaN) returned a filter"),
        t.getMessage());
    assertTrue(t.getMessage().contains("p <= 0 || p >= 1 lets it through"), t.getMessage());
  }

  @Test
  void validArgumentsRejectedPointToTheArgumentChecks() throws Exception {
    String reference = Files.readString(SOLUTION.resolve("BloomFilter.java"));
    String check = "if (expectedInsertions <= 0) {";
    assertTrue(reference.contains(check));
    Throwable t = run(compile(reference.replace(check, "if (expectedInsertions <= 1) {")),
        "bitCountFollowsTheFormula");
    Because b = assertInstanceOf(Because.class, t);
    assertEquals("argument-checks", b.hint());
    assertTrue(b.getMessage().startsWith("new BloomFilter(1, 0.9999) threw"
        + " IllegalArgumentException"), b.getMessage());
  }

  @Test
  void theUntouchedStubStillSaysWhatIsNotImplemented() throws Exception {
    Class<?> suite = compile(Files.readString(EXERCISE.resolve("BloomFilter.java")));
    for (String test : List.of("bitCountFollowsTheFormula", "badArgumentsAreRejected",
        "neverAFalseNegative")) {
      Throwable t = run(suite, test);
      while (t != null && !(t instanceof UnsupportedOperationException)) {
        t = t.getCause();
      }
      assertInstanceOf(UnsupportedOperationException.class, t, test);
      assertTrue(t.getMessage().contains("TODO"), test);
    }
  }

  @Test
  void theReferencePassesEveryProperty() throws Exception {
    Class<?> suite = compile(Files.readString(SOLUTION.resolve("BloomFilter.java")));
    for (Method m : suite.getDeclaredMethods()) {
      if (m.isAnnotationPresent(Test.class)) {
        assertNull(run(suite, m.getName()), m.getName());
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static String variant(String name) throws Exception {
    return Shipped.learnerTexts(Shipped.exercise("bloom-filter"), "wrong/" + name)
        .get("BloomFilter.java");
  }

  /** The suite class, compiled with {@code filter} as the learner's BloomFilter.java. */
  private static Class<?> compile(String filter) throws Exception {
    return Shipped.suite(Shipped.exercise("bloom-filter"), Map.of("BloomFilter.java", filter));
  }

  /** Runs one test method of the suite; the failure it threw, or null when it passed. */
  private static Throwable run(Class<?> suite, String test) throws Exception {
    return Shipped.invoke(suite, test);
  }

  /** The hint a verdict would name: the first Because along the causes. */
  private static String hintOf(Throwable t) {
    return Because.hintOf(t);
  }

}
