package dstutor.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.InMemoryCompiler.Source;
import dstutor.grade.Verdict.Status;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grader keeps a compiled hidden suite while the learner's files declare the same API, and
 * compiles everything again when they do not: either way the verdict is the one a whole compile
 * gives.
 */
class SuiteCacheTest {
  static Grader grader;

  static final String SUITE = """
      import static org.junit.jupiter.api.Assertions.assertEquals;
      import org.junit.jupiter.api.Test;
      class CalcSuite {
        @Test void twiceDoubles() { assertEquals(8, new Calc().twice(4)); }
        @Test void limitIsThree() { assertEquals(3, Calc.LIMIT); }
        @Test void overload() { assertEquals("int", new Calc().kind(1)); }
      }
      """;

  @BeforeAll
  static void start() {
    grader = Grader.forThisJvm();
  }

  @AfterAll
  static void stop() {
    grader.close();
  }

  static Verdict grade(String calc) {
    return grader.grade(new GradeJob("calc", List.of(
        new Source("Shape.java", "given/Shape.java", "interface Shape { int twice(int x); }",
            true),
        new Source("Calc.java", "ws/Calc.java", calc, true),
        new Source("CalcSuite.java", "hidden/CalcSuite.java", SUITE, false)),
        "CalcSuite", Set.of("Calc.java", "Shape.java"), null, 5, 20, 128, false));
  }

  static String calc(String twice, int limit, String extra) {
    return "class Calc implements Shape {\n"
        + "  static final int LIMIT = " + limit + ";\n"
        + "  public int twice(int x) { " + twice + " }\n"
        + "  String kind(Object o) { return \"object\"; }\n"
        + "  String kind(int i) { return \"int\"; }\n"
        + extra + "}\n";
  }

  @Test
  void bodiesChangeWithoutACompileOfTheSuiteAndTheVerdictFollowsThem() {
    int before = grader.fullCompiles;
    assertEquals(Status.PASSED, grade(calc("return 2 * x;", 3, "")).status());
    assertEquals(before + 1, grader.fullCompiles, "the first submit compiles everything");
    Verdict wrong = grade(calc("return x + 2;", 3, "  private int helper() { return 1; }\n"));
    assertEquals(Status.FAILED, wrong.status());
    assertEquals(1, wrong.failed(), wrong.toString());
    assertEquals(Status.PASSED, grade(calc("int y = x; return y + y;", 3, "")).status());
    assertEquals(before + 1, grader.fullCompiles, "bodies and private members only: the suite"
        + " compiled once");

    // A constant is copied into the suite: a new value must reach it.
    Verdict limit = grade(calc("return 2 * x;", 4, ""));
    assertEquals(Status.FAILED, limit.status(), limit.toString());
    assertTrue(limit.tests().stream().anyMatch(t -> t.name().contains("limit") && !t.ok()),
        limit.toString());
    assertEquals(before + 2, grader.fullCompiles);

    // A new overload changes which method the suite calls.
    Verdict overload = grade(calc("return 2 * x;", 3, "  String kind(long l) { return"
        + " \"long\"; }\n"));
    assertEquals(before + 3, grader.fullCompiles);
    assertEquals(Status.PASSED, overload.status(), overload.toString());

    // A method the suite needs is gone: the API mismatch a whole compile reports.
    Verdict gone = grade("class Calc implements Shape { public int twice(int x) { return 2 * x;"
        + " } }");
    assertEquals(Status.COMPILE_ERROR, gone.status());
    assertTrue(gone.compileErrors().get(0).message().contains("hidden tests do not compile"),
        gone.toString());

    // The learner's own error is reported from the small compile too.
    Verdict error = grade(calc("return 2 * x", 3, ""));
    assertEquals(Status.COMPILE_ERROR, error.status());
    assertEquals("ws/Calc.java", error.compileErrors().get(0).file(), error.toString());
    assertEquals(Status.PASSED, grade(calc("return 2 * x;", 3, "")).status());
  }
}
