package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.Grader;
import dstutor.grade.Verdict;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vector-clock suite's antisymmetry message names the order the model computes for both
 * directions, never one mirrored from the learner's first answer (which once told learners to
 * expect BEFORE where the truth was CONCURRENT or EQUAL). Each case grades a shipped known-wrong
 * variant through the real grader and checks the message against a model of its own.
 */
class VectorClockMessagesTest {
  private static final String ID = "vector-clocks";
  private static final String PROPERTY =
      "compare is antisymmetric: a before b exactly when b after a";
  private static final Pattern PAIR = Pattern.compile("^(\\{[^}]*\\})\\.compare\\((\\{[^}]*\\})\\)"
      + " returned (\\w+) and \\{[^}]*\\}\\.compare\\(\\{[^}]*\\}\\) returned (\\w+); expected"
      + " (\\w+) and (\\w+):");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // truth BEFORE/AFTER; mirroring the first answer (EQUAL) would have said EQUAL
      "compare-this-keys-only | {A:1}.compare({A:1, B:1}) returned EQUAL and {A:1, B:1}.compare("
          + "{A:1}) returned AFTER; expected BEFORE and AFTER",
      // truth CONCURRENT; mirroring the first answer (BEFORE) would have said AFTER
      "concurrent-as-before | {A:2, B:1}.compare({A:1, B:2}) returned BEFORE and {A:1, B:2}"
          + ".compare({A:2, B:1}) returned BEFORE; expected CONCURRENT and CONCURRENT",
      // truth EQUAL; mirroring the first answer (AFTER) would have said BEFORE
      "compare-boxed-equality | {A:300}.compare({A:300}) returned AFTER and {A:300}.compare("
          + "{A:300}) returned AFTER; expected EQUAL and EQUAL"})
  void antisymmetryNamesTheModelsOrderBothWays(String variant, String pinned) throws Exception {
    String message = antisymmetryMessage(variant);
    assertTrue(message.startsWith(pinned), message);
    Matcher m = PAIR.matcher(message);
    assertTrue(m.find(), message);
    Map<String, Long> a = parse(m.group(1));
    Map<String, Long> b = parse(m.group(2));
    assertEquals(order(a, b), m.group(5), message);
    assertEquals(order(b, a), m.group(6), message);
    assertTrue(!m.group(3).equals(order(a, b)) || !m.group(4).equals(order(b, a)),
        "the message must show a wrong answer: " + message);
  }

  /** Grades {@code variant} as course check does and returns the antisymmetry failure. */
  private static String antisymmetryMessage(String variant) throws Exception {
    try (Grader grader = Grader.forThisJvm()) {
      Verdict v = Shipped.grade(grader, Shipped.exercise(ID), "wrong/" + variant);
      assertEquals(Verdict.Status.FAILED, v.status(), v.toString());
      Verdict.TestResult t = Shipped.failed(v, PROPERTY);
      assertEquals("compare-both-ways", t.hint(), t.toString());
      assertNotNull(t.message());
      return t.message();
    }
  }

  /** {A:1, B:0} as a map. */
  private static Map<String, Long> parse(String shown) {
    Map<String, Long> m = new TreeMap<>();
    String body = shown.substring(1, shown.length() - 1).trim();
    if (!body.isEmpty()) {
      for (String pair : body.split(", ")) {
        String[] kv = pair.split(":");
        m.put(kv[0], Long.parseLong(kv[1]));
      }
    }
    return m;
  }

  /** The order of a against b, a missing node counting as 0: this test's own model. */
  private static String order(Map<String, Long> a, Map<String, Long> b) {
    TreeSet<String> nodes = new TreeSet<>(a.keySet());
    nodes.addAll(b.keySet());
    boolean lower = nodes.stream().anyMatch(n -> a.getOrDefault(n, 0L) < b.getOrDefault(n, 0L));
    boolean higher = nodes.stream().anyMatch(n -> a.getOrDefault(n, 0L) > b.getOrDefault(n, 0L));
    return lower && higher ? "CONCURRENT" : lower ? "BEFORE" : higher ? "AFTER" : "EQUAL";
  }
}
