package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dstutor.course.CourseLoader;
import dstutor.course.Exercise;
import dstutor.grade.Grader;
import dstutor.grade.MemoryClassLoader;
import dstutor.grade.Variant;
import dstutor.grade.Verdict;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shipped course's exercises for the tests that pin what their suites say: a variant's
 * learner files, graded through the real grader or compiled with the suite into a loader of its
 * own for calling a suite's methods directly.
 */
final class Shipped {
  /** The repository's course (Maven runs tests from the project folder). */
  static final Path COURSE = Path.of("").toAbsolutePath();

  private Shipped() {}

  static Exercise exercise(String id) throws Exception {
    return CourseLoader.load(COURSE).find(id).orElseThrow();
  }

  /**
   * The learner files of variant {@code variant} ("wrong/name" or "right/name"; null for the
   * reference): the reference's, with the variant's patches applied.
   */
  static Map<String, String> learnerTexts(Exercise e, String variant) throws Exception {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String f : e.files()) {
      texts.put(f, Files.readString(e.solutionDir().resolve(f)));
    }
    if (variant != null) {
      texts.putAll(read(e, variant).apply(e.solutionDir(), e.files()));
    }
    return texts;
  }

  /** Variant {@code variant} ("wrong/name" or "right/name") of {@code e}. */
  static Variant read(Exercise e, String variant) throws Exception {
    return Variant.read(e.solutionDir().resolve(variant + Variant.SUFFIX));
  }

  /** Grades variant {@code variant} of {@code e} as course check does. */
  static Verdict grade(Grader grader, Exercise e, String variant) throws Exception {
    return grader.grade(read(e, variant).job(e));
  }

  /**
   * The suite class of {@code e}, compiled with the given files and {@code learner} (file name to
   * text), in a class loader of its own so that statics start clean.
   */
  static Class<?> suite(Exercise e, Map<String, String> learner) throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    for (String g : e.given()) {
      files.put(g, Files.readString(e.dir().resolve(g)));
    }
    files.putAll(learner);
    files.put(e.suite(), Files.readString(e.suiteFile()));
    String name = e.suite().substring(0, e.suite().length() - ".java".length());
    return new MemoryClassLoader(SuiteHarness.compile(files), Shipped.class.getClassLoader())
        .loadClass(name);
  }

  /** The result of the property whose name starts with {@code prefix}, which must have failed. */
  static Verdict.TestResult failed(Verdict v, String prefix) {
    Verdict.TestResult t = v.tests().stream().filter(r -> r.name().startsWith(prefix))
        .findFirst().orElse(null);
    assertNotNull(t, "no property '" + prefix + "' in " + v.tests());
    assertFalse(t.ok(), t.name() + " held, but the variant breaks it: " + t.message());
    return t;
  }

  /**
   * Runs one test method of a compiled suite on a fresh instance; returns what it threw (the
   * failure to inspect), or null when it passed.
   */
  static Throwable invoke(Class<?> suite, String test) throws Exception {
    Constructor<?> c = suite.getDeclaredConstructor();
    c.setAccessible(true);
    Object instance = c.newInstance();
    Method m = suite.getDeclaredMethod(test);
    m.setAccessible(true);
    try {
      m.invoke(instance);
      return null;
    } catch (InvocationTargetException e) {
      return e.getCause();
    }
  }

  /**
   * Runs suite methods {@code tests} once for each seed from {@code from} to {@code to}, as
   * {@code dstutor submit --seed N} replays one, and returns "<label>, <test>, seed N: <first line>"
   * for each failure, stopping at the first failing seed. The replay property is restored after.
   */
  static List<String> sweep(Class<?> suite, String label, List<String> tests, long from, long to)
      throws Exception {
    List<String> failures = new java.util.ArrayList<>();
    String before = System.getProperty(dstutor.grade.Seeds.REPLAY_PROPERTY);
    try {
      for (long seed = from; seed <= to && failures.isEmpty(); seed++) {
        System.setProperty(dstutor.grade.Seeds.REPLAY_PROPERTY, Long.toString(seed));
        for (String test : tests) {
          Throwable t = invoke(suite, test);
          if (t != null) {
            failures.add(label + ", " + test + ", seed " + seed + ": "
                + String.valueOf(t.getMessage()).lines().findFirst().orElse(""));
          }
        }
      }
    } finally {
      if (before == null) {
        System.clearProperty(dstutor.grade.Seeds.REPLAY_PROPERTY);
      } else {
        System.setProperty(dstutor.grade.Seeds.REPLAY_PROPERTY, before);
      }
    }
    return failures;
  }
}
