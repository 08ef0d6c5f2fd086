package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.Because;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The high-water-mark hidden suite judged as issue 7 asks: its messages give the model's
 * expectations (never the learner's own earlier answers), name the cause's rung, and show the
 * steps; the reference and the untouched stub behave. The suite runs in this JVM, compiled in
 * memory with the reference or a variant, one test method at a time.
 */
class HighWaterMarkSuiteTest {
  private static final String ID = "high-water-mark";
  private static final Path SOLUTION = Path.of("solutions/patterns/high-water-mark");
  private static final Path EXERCISE = Path.of("exercises/patterns/high-water-mark");

  @Test
  void aMarkRecomputedBeforeTheFetchIsRecordedIsNamedWithTheModelsValues() throws Exception {
    Throwable t = run(compile(variant("hw-before-fetch-recorded")), "argumentsAndRoles");
    Because b = assertInstanceOf(Because.class, t);
    assertEquals("min-over-the-isr", b.hint());
    String m = b.getMessage();
    // r1 leads r2 and r3 with two records; r2 then r3 fetch from 2: the model's mark is 2.
    assertTrue(m.startsWith("r1.highWaterMark() = 0; expected 2. That is the mark with r3's"
        + " previous log end (0): record the fetch offset (2) as its log end first, then"
        + " recompute."), m);
    assertTrue(m.contains("the smallest log end in the ISR [r1, r2, r3], 2) = 2."), m);
    assertTrue(m.contains("r1.onFetch(\"r3\", 2, 10) -> FetchResponse(2, no records, HW 2)"), m);
  }

  @Test
  void theLagBoundaryMessageComesFromTheModel() throws Exception {
    Throwable t = run(compile(variant("lag-boundary-ge")),
        "highWaterMarkIsTheSmallestLogEndInTheIsr");
    Because b = assertInstanceOf(Because.class, t);
    assertEquals("lag-rule", b.hint());
    String m = b.getMessage();
    // The worked example of the brief: at t = 130, r3 has lacked offset 7 for exactly 30 ms.
    assertTrue(m.startsWith("r1.isr() = [r1, r2]; expected [r1, r2, r3]. r3 lacks offset 7 (its"
        + " log end), which arrived at t = 100, 30 ms ago: not more than lagTimeMaxMs = 30, so it"
        + " stays in the ISR."), m);
    assertTrue(m.contains("In the worked example of the brief"), m);
    assertTrue(m.contains("t=130  r1.tick(130)"), m);
  }

  @Test
  void aFollowerThatKeepsItsLogIsToldItsOwnMark() throws Exception {
    Throwable t = run(compile(variant("truncate-to-leo")), "leaderChangesTruncateToTheMark");
    Because b = assertInstanceOf(Because.class, t);
    assertEquals("truncate-to-the-mark", b.hint());
    // r3 holds r1's 15 records but knows the mark 10 when r2 takes over.
    assertTrue(b.getMessage().startsWith("r3.logEndOffset() = 15; expected 10. becomeFollower"
        + " truncates the log to the replica's own high-water mark (10): the records above it"
        + " may be missing from, or different on, the new leader."), b.getMessage());
    assertTrue(b.getMessage().contains("r3.becomeFollower(): log end 15, HW 10, so it truncates"
        + " to 10"), b.getMessage());
  }

  @Test
  void aRandomRunFailureNamesItsSeedAndCause() throws Exception {
    Throwable t = run(compile(variant("follower-hw-never-lower")), "noConsumedRecordDisappears");
    assertNotNull(t);
    assertEquals("follower-side", Because.hintOf(t));
    String m = t.getMessage();
    assertTrue(m.contains("A follower's mark becomes exactly min(response HW, its log end), even"
        + " when that is lower than before"), m);
    assertTrue(m.contains("replay: dstutor submit"), m);
    assertTrue(m.contains("The brief's rules give:"), m);
  }

  @Test
  void theUntouchedStubStillSaysWhatIsNotImplemented() throws Exception {
    Class<?> suite = compile(Files.readString(EXERCISE.resolve("IsrReplica.java")));
    for (String test : List.of("leaderAloneCommitsAtOnce", "argumentsAndRoles",
        "noConsumedRecordDisappears", "copiesInAndOut")) {
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
    Class<?> suite = compile(Files.readString(SOLUTION.resolve("IsrReplica.java")));
    for (Method m : suite.getDeclaredMethods()) {
      if (m.isAnnotationPresent(Test.class)) {
        assertNull(run(suite, m.getName()), m.getName());
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static String variant(String name) throws Exception {
    return Shipped.learnerTexts(Shipped.exercise(ID), "wrong/" + name).get("IsrReplica.java");
  }

  /** The suite class, compiled with {@code replica} as the learner's IsrReplica.java. */
  private static Class<?> compile(String replica) throws Exception {
    return Shipped.suite(Shipped.exercise(ID), Map.of("IsrReplica.java", replica));
  }

  /** Runs one test method of the suite; the failure it threw, or null when it passed. */
  private static Throwable run(Class<?> suite, String test) throws Exception {
    return Shipped.invoke(suite, test);
  }
}
