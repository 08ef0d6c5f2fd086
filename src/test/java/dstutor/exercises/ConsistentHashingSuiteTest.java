package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.course.CourseLoader;
import dstutor.course.Exercise;
import dstutor.grade.GradeJob;
import dstutor.grade.Grader;
import dstutor.grade.Variant;
import dstutor.grade.Verdict;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the consistent-hashing suite says, beyond pass or fail (which {@code course check}
 * covers): a learner's exception is reported with the ring, the call and the learner's line;
 * each cause names its own hint rung; "expected" values come from the suite's model; the stub is
 * "not implemented yet". Each case grades a known-wrong variant through the real grader.
 */
class ConsistentHashingSuiteTest {
  private static Exercise exercise;
  private static Grader grader;

  @BeforeAll
  static void load() throws Exception {
    exercise = CourseLoader.load(Path.of("").toAbsolutePath()).find("consistent-hashing")
        .orElseThrow();
    grader = Grader.forThisJvm();
  }

  @AfterAll
  static void close() {
    grader.close();
  }

  @Test
  void anExceptionNamesTheRingTheCallAndTheLearnersLine() throws Exception {
    Verdict.TestResult t = failed(grade("pref-list-no-wrap-npe"), "every key has an owner");
    assertTrue(Pattern.compile("On a ring of \\[[^\\]]+\\] with \\d+ virtual nodes? each: "
            + "preferenceList\\(\"[^\"]*\", \\d+\\) threw NullPointerException .*"
            + "at ConsistentHashRing\\.java:\\d+ \\(in preferenceList\\)")
        .matcher(t.message()).find(), t.message());
    assertTrue(t.message().contains("replay: dstutor submit consistent-hashing --seed"),
        t.message());
  }

  @Test
  void aRingBuiltStepByStepIsShownWithItsSteps() throws Exception {
    Verdict.TestResult t = failed(grade("remove-absent-throws"), "adding a node twice");
    assertTrue(t.message().startsWith("On a ring of [node-a, node-b, node-c] with 50 virtual"
        + " nodes each (new ConsistentHashRing(50); addNode(\"node-a\"); addNode(\"node-b\");"
        + " addNode(\"node-c\"); addNode(\"node-b\")): removeNode(\"node-z\") threw"
        + " NullPointerException"), t.message());
    assertEquals("membership", t.hint());
  }

  @Test
  void argumentChecksNameTheArgumentChecksRung() throws Exception {
    Verdict.TestResult t = failed(grade("zero-virtual-nodes-accepted"), "bad arguments");
    assertEquals("new ConsistentHashRing(0) returned normally (ConsistentHashRing); expected"
        + " IllegalArgumentException.", t.message());
    assertEquals("argument-checks", t.hint());
  }

  @Test
  void eachCauseInsideOneTestNamesItsOwnRung() throws Exception {
    // The removal test is about minimal movement; a removed node that still owns keys is about
    // membership.
    Verdict removed = grade("remove-one-token");
    Verdict.TestResult t = failed(removed, "removing a node moves only the keys it held");
    assertTrue(t.message().contains("still returns"), t.message());
    assertEquals("membership", t.hint());
    // One node that owns no key at all has no token (virtual-nodes); one that owns some keys
    // but not those past its last token does not wrap (wrap-around).
    assertEquals("virtual-nodes", failed(grade("vnodes-from-one"), "every key has an owner")
        .hint());
    assertEquals("wrap-around", failed(grade("no-wrap"), "every key has an owner").hint());
  }

  @Test
  void expectedValuesComeFromTheModelNotFromTheLearnersAnswers() throws Exception {
    Verdict.TestResult t = failed(grade("nodes-internal-set"), "the ring shares no state");
    assertTrue(t.message().contains("nodes() returned [node-a, node-c, node-y]; expected"
        + " [node-a, node-b, node-c]."), t.message());
    assertTrue(t.message().contains("the caller then changed the set nodes() returned"),
        t.message());
  }

  @Test
  void theStubIsNotImplementedYetInEveryProperty() throws Exception {
    Map<String, Path> files = new LinkedHashMap<>();
    for (String f : exercise.files()) {
      files.put(f, exercise.dir().resolve(f));
    }
    Verdict v = grader.grade(exercise, files, null);
    assertFalse(v.tests().isEmpty());
    for (Verdict.TestResult t : v.tests()) {
      assertTrue(t.message().startsWith("not implemented yet: TODO"), t.name() + ": "
          + t.message());
    }
  }

  private static Verdict grade(String wrong) throws Exception {
    Variant variant = Variant.read(exercise.solutionDir().resolve("wrong/" + wrong + ".diff"));
    Map<String, Path> files = new LinkedHashMap<>();
    for (String f : exercise.files()) {
      files.put(f, exercise.solutionDir().resolve(f));
    }
    Map<String, String> texts = variant.apply(exercise.solutionDir(), exercise.files());
    return grader.grade(GradeJob.of(exercise, files, texts, "wrong/" + wrong + ".diff: ", null));
  }

  private static Verdict.TestResult failed(Verdict v, String namePrefix) {
    for (Verdict.TestResult t : v.tests()) {
      if (t.name().startsWith(namePrefix)) {
        assertFalse(t.ok(), t.name() + " passed: " + t.message());
        return t;
      }
    }
    throw new AssertionError("no test named '" + namePrefix + "...' in " + v.tests());
  }
}
