package dstutor.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.InMemoryCompiler.Source;
import dstutor.grade.Verdict.Status;
import dstutor.grade.Verdict.TestResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A suite marked {@code @Execution(CONCURRENT)} runs two tests at a time in the worker, unless the
 * submission has static state two tests could share; each test keeps its own printed output, the
 * verdict lists the tests in the suite's order; a run that times out or crashes while tests run
 * two at a time is run again one at a time, so that which test did it first is never a race.
 * (Two tests that each wait for the other pass only side by side: one at a time, the first waits
 * in vain and says "ran alone".)
 */
class SideBySideTest {
  private static final String SUITE = """
      import static org.junit.jupiter.api.Assertions.assertTrue;
      import static org.junit.jupiter.api.Assertions.fail;
      import java.util.concurrent.CountDownLatch;
      import java.util.concurrent.TimeUnit;
      import org.junit.jupiter.api.MethodOrderer;
      import org.junit.jupiter.api.Order;
      import org.junit.jupiter.api.Test;
      import org.junit.jupiter.api.TestMethodOrder;
      %s
      @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
      class PairSuite {
        static final CountDownLatch BOTH = new CountDownLatch(2);
        static void meet() throws Exception {
          BOTH.countDown();
          assertTrue(BOTH.await(2, TimeUnit.SECONDS), "ran alone");
        }
        @Test @Order(1) void first() throws Exception {
          System.out.println("printed by first");
          Subject.work(1);
          meet();
          Thread.sleep(300); // ends after second: the verdict still lists first first
          fail("first done");
        }
        @Test @Order(2) void second() throws Exception {
          System.out.println("printed by second");
          Subject.work(2);
          meet();
          fail("second done");
        }
      }
      """;

  private static Grader grader;

  @BeforeAll
  static void start() {
    grader = Grader.forThisJvm();
  }

  @AfterAll
  static void stop() {
    grader.close();
  }

  private static Verdict grade(boolean concurrent, String subject, int testSeconds) {
    String suite = SUITE.formatted(concurrent ? "@org.junit.jupiter.api.parallel.Execution("
        + "org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)" : "");
    return grader.grade(new GradeJob("pair", List.of(
        new Source("Subject.java", "ws/Subject.java", subject, true),
        new Source("PairSuite.java", "hidden/PairSuite.java", suite, false)),
        "PairSuite", Set.of("Subject.java"), null, testSeconds, 30, 128, false));
  }

  private static String subject(String members, String work) {
    return "class Subject {\n" + members + "\n  static void work(int test) {\n" + work
        + "\n  }\n}\n";
  }

  private static final String PLAIN = subject("""
        static final int LIMIT = 3;
        static final String NAME = "s";
        static final Object TAG = "tick";
        static final Long BOXED = 7L;
        static final java.util.Comparator<String> ORDER = java.util.Comparator.reverseOrder();
        static final java.util.function.IntUnaryOperator TWICE = x -> 2 * x;
        record Pair(String a, Mode mode) {}
        static final Pair PAIR = new Pair("a", Mode.ON);
        enum Mode { ON, OFF; final int weight = 1; }
        final int[] mine = new int[4];
      """, "    new Subject().mine[test] = LIMIT;");

  @Test
  void aConcurrentSuiteRunsTwoTestsAtOnceEachWithItsOwnOutputInTheSuitesOrder() {
    Verdict v = grade(true, PLAIN, 5);
    assertEquals(Status.FAILED, v.status(), v.toString());
    List<TestResult> tests = v.tests();
    assertEquals(2, tests.size(), v.toString());
    TestResult first = tests.get(0);
    TestResult second = tests.get(1);
    assertEquals("first()", first.name(), v.toString());
    assertTrue(first.message().startsWith("first done"), v.toString());
    assertTrue(first.message().contains("printed by first"), v.toString());
    assertFalse(first.message().contains("printed by second"), v.toString());
    assertTrue(second.message().startsWith("second done"), v.toString());
    assertTrue(second.message().contains("printed by second"), v.toString());
    assertFalse(second.message().contains("printed by first"), v.toString());
  }

  @Test
  void withoutTheSuitesConsentTestsRunOneAtATime() {
    Verdict v = grade(false, PLAIN, 5);
    assertTrue(v.tests().get(0).message().startsWith("ran alone"), v.toString());
    assertTrue(v.tests().get(1).message().startsWith("second done"), v.toString());
  }

  @Test
  void staticStateTheTestsCouldShareKeepsThemOneAtATime() {
    for (String members : List.of("  static int calls;", "  static final int[] TABLE = {1};",
        "  static final java.util.Map<String, String> CACHE = new java.util.HashMap<>();",
        "  static final java.util.List<String> SEEN = new java.util.ArrayList<>();",
        "  static final StringBuilder LOG = new StringBuilder();",
        "  enum Counter { ONE; int n; }",
        "  record Box(int[] values) {}\n  static final Box BOX = new Box(new int[1]);")) {
      Verdict v = grade(true, subject(members, "    "), 5);
      assertTrue(v.tests().get(0).message().startsWith("ran alone"), members + ": " + v);
    }
  }

  @Test
  void aTimeoutNamesTheTestThatLooped() {
    Verdict v = grade(true, subject("", "    while (test == 2) { }"), 1);
    assertEquals(Status.TIMEOUT, v.status(), v.toString());
    assertTrue(v.message().contains("during 'second()'")
        && v.message().contains("Subject.java:4"), v.toString());
    TestResult last = v.tests().get(v.tests().size() - 1);
    assertEquals("second()", last.name(), v.toString());
    assertEquals("timeout", last.status(), v.toString());
  }

  @Test
  void whenBothTestsLoopTheVerdictNamesTheFirstInTheSuitesOrder() {
    // Side by side, second() loops at once while first() sleeps before its loop, so second()
    // would use up its CPU time first; one at a time, first() loops first. The verdict is the
    // latter, every time.
    Verdict v = grade(true, subject("", "    if (test == 1) { try { Thread.sleep(400); }"
        + " catch (InterruptedException e) { } }\n    while (test > 0) { }"), 1);
    assertEquals(Status.TIMEOUT, v.status(), v.toString());
    assertTrue(v.message().contains("during 'first()'"), v.toString());
    assertEquals(1, v.tests().size(), v.toString());
  }

  @Test
  void systemExitNamesTheTestThatCalledIt() {
    Verdict v = grade(true, subject("", "    if (test == 1) { System.exit(3); }"), 5);
    assertEquals(Status.CRASHED, v.status(), v.toString());
    assertTrue(v.message().contains("called System.exit during 'first()'"), v.toString());
    assertFalse(v.message().contains("second()"), v.toString());
  }

  @Test
  void whenBothTestsEndTheJvmTheVerdictNamesTheFirstInTheSuitesOrder() {
    // Side by side, second() exits at once while first() sleeps first; one at a time, first()
    // exits first, and the verdict says so every time.
    Verdict v = grade(true, subject("", "    if (test == 1) { try { Thread.sleep(400); }"
        + " catch (InterruptedException e) { } }\n    System.exit(3);"), 5);
    assertEquals(Status.CRASHED, v.status(), v.toString());
    assertTrue(v.message().contains("called System.exit during 'first()'"), v.toString());
  }

  @Test
  void aWorkerThatDiesMidRunNamesTheTestThatKilledIt() {
    Verdict v = grade(true, subject("", "    if (test == 2) { Runtime.getRuntime().halt(5); }"), 5);
    assertEquals(Status.CRASHED, v.status(), v.toString());
    assertTrue(v.message().contains("ended unexpectedly (exit code 5) during 'second()'"),
        v.toString());
  }

  @Test
  void theVerdictsSeedIsTheFirstFailingTestsInTheSuitesOrder() {
    String suite = """
        import org.junit.jupiter.api.MethodOrderer;
        import org.junit.jupiter.api.Order;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.TestMethodOrder;
        @org.junit.jupiter.api.parallel.Execution(
            org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
        @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
        class SeedSuite {
          @Test @Order(1) void slow() throws Exception {
            Thread.sleep(400); // fails last
            throw dstutor.grade.Seeds.failure(11, "slow broke", null);
          }
          @Test @Order(2) void quick() {
            throw dstutor.grade.Seeds.failure(22, "quick broke", null);
          }
        }
        """;
    Verdict v = grader.grade(new GradeJob("seeds", List.of(
        new Source("Subject.java", "ws/Subject.java", PLAIN, true),
        new Source("SeedSuite.java", "hidden/SeedSuite.java", suite, false)),
        "SeedSuite", Set.of("Subject.java"), null, 5, 30, 128, false));
    assertEquals(Long.valueOf(11), v.seed(), v.toString());
    assertEquals("slow()", v.tests().get(0).name(), v.toString());
  }
}
